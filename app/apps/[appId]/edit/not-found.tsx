import Link from "next/link";

export default function AppNotFound() {
  return (
    <main className="mx-auto max-w-xl px-6 py-16 text-center">
      <h1 className="text-xl font-semibold">App not found</h1>
      <p className="mt-2 text-sm text-slate-600">It may have been deleted or renamed.</p>
      <Link href="/" className="mt-6 inline-block text-indigo-700 hover:underline">
        Back to apps
      </Link>
    </main>
  );
}
