import type { Metadata } from "next";
import "./globals.css";

// Every page renders per request: the Content-Security-Policy's nonce (server/http/security-headers.ts)
// is new on each answer and Next must put it on its inline scripts, which a prerendered page cannot.
export const dynamic = "force-dynamic";

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
