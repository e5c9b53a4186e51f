/** The heading of a section of the People page. */
export function SectionTitle({ title, hint }: { title: string; hint?: string }) {
  return (
    <div className="mb-3">
      <h2 className="text-lg font-semibold">{title}</h2>
      {hint && <p className="text-sm text-slate-600">{hint}</p>}
    </div>
  );
}
