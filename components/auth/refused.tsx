import Link from "next/link";

/** A page a signed-in person may not see: what they can do instead. */
export function Refused({ title, reason, href, linkText }: { title: string; reason: string; href: string; linkText: string }) {
  return (
    <main className="mx-auto max-w-md px-6 py-20 text-center" data-testid="refused">
      <h1 className="text-xl font-semibold">{title}</h1>
      <p className="mt-2 text-sm text-slate-600">{reason}</p>
      <Link href={href} className="mt-6 inline-block text-sm text-indigo-700 hover:underline">
        {linkText}
      </Link>
    </main>
  );
}
