import type { ReactNode } from "react";

/** The input look shared by the form widgets (see components/ui for the palette). */
export const FIELD_CLASS =
  "w-full min-w-0 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900 placeholder:text-slate-400 focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-200 disabled:bg-slate-100 disabled:text-slate-400";

export function Spinner({ className = "" }: { className?: string }) {
  return <span aria-hidden className={`inline-block h-3.5 w-3.5 shrink-0 animate-spin rounded-full border-2 border-current border-r-transparent ${className}`} />;
}

/**
 * A labelled field: the label sits above the control and is tied to it by `htmlFor`. With no
 * label text the control should carry an aria-label instead (see `fieldAriaLabel`).
 */
export function Field({ id, label, loading, children }: { id: string; label: string; loading: boolean; children: ReactNode }) {
  return (
    <div className="flex h-full w-full min-w-0 flex-col justify-center gap-1">
      {label !== "" ? (
        <label htmlFor={id} className="flex items-center gap-1.5 truncate text-xs font-medium text-slate-600">
          {label}
          {loading ? <Spinner className="text-slate-400" /> : null}
        </label>
      ) : null}
      {children}
    </div>
  );
}

/** An aria-label for a control without visible label text: the component's name. */
export function fieldAriaLabel(label: string, componentName: string): string | undefined {
  return label === "" ? componentName : undefined;
}

export function Warning({ children }: { children: ReactNode }) {
  return <p className="truncate text-[11px] text-amber-700">{children}</p>;
}
