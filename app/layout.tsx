import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: "Lathe",
  description: "Build backend functions for your internal apps",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="font-sans">{children}</body>
    </html>
  );
}
