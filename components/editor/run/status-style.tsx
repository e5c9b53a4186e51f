import type { CSSProperties } from "react";
import type { DisplayStatus } from "./geometry";

/** Bar and dot colours by status, shared by the timeline, block output and history. */
export const STATUS_BAR_CLASS: Record<DisplayStatus, string> = {
  ok: "bg-emerald-500",
  error: "bg-red-500",
  skipped: "bg-slate-300",
  cancelled: "bg-amber-400",
};

export const STATUS_BAR_STYLE: Partial<Record<DisplayStatus, CSSProperties>> = {
  skipped: { backgroundImage: "repeating-linear-gradient(45deg, #cbd5e1 0 3px, #f1f5f9 3px 6px)" },
};

export const STATUS_BADGE_CLASS: Record<DisplayStatus, string> = {
  ok: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  error: "bg-red-50 text-red-700 ring-red-200",
  skipped: "bg-slate-100 text-slate-600 ring-slate-200",
  cancelled: "bg-amber-50 text-amber-800 ring-amber-200",
};

export function StatusBadge({ status }: { status: DisplayStatus }) {
  return <span className={`rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset ${STATUS_BADGE_CLASS[status]}`}>{status}</span>;
}
