import type { SortState } from "./table-model";
import { Spinner } from "./widget-parts";

// Pieces of the table widget's chrome: sortable headers, the pager, the loading and empty states.

export function SortHeader({ column, sort, onSort }: { column: string; sort: SortState | null; onSort: (column: string) => void }) {
  const direction = sort?.column === column ? sort.direction : null;
  return (
    <th
      scope="col"
      aria-sort={direction === "asc" ? "ascending" : direction === "desc" ? "descending" : "none"}
      className="sticky top-0 z-[1] border-b border-slate-200 bg-slate-50 p-0 text-left text-xs font-semibold text-slate-600"
    >
      <button
        type="button"
        onClick={() => onSort(column)}
        className="flex w-full items-center gap-1 whitespace-nowrap px-3 py-2 hover:bg-slate-100 focus-visible:outline focus-visible:outline-indigo-400"
      >
        {column}
        <span aria-hidden className={direction ? "text-indigo-600" : "text-slate-300"}>
          {direction === "asc" ? "▲" : direction === "desc" ? "▼" : "↕"}
        </span>
      </button>
    </th>
  );
}

export function Pager({ label, page, pageCount, onPage }: { label: string; page: number; pageCount: number; onPage: (page: number) => void }) {
  const nav = "rounded-md border border-slate-300 bg-white px-2 py-0.5 text-xs text-slate-700 hover:bg-slate-100 disabled:cursor-not-allowed disabled:text-slate-300";
  return (
    <div className="flex shrink-0 items-center justify-end gap-2 border-t border-slate-200 px-3 py-1.5 text-xs text-slate-500">
      <span data-testid="table-range">{label}</span>
      <button type="button" className={nav} aria-label="Previous page" disabled={page <= 0} onClick={() => onPage(page - 1)}>
        ‹ Prev
      </button>
      <button type="button" className={nav} aria-label="Next page" disabled={page >= pageCount - 1} onClick={() => onPage(page + 1)}>
        Next ›
      </button>
    </div>
  );
}

export function LoadingOverlay() {
  return (
    <div className="absolute inset-0 z-[2] flex items-center justify-center bg-white/60" role="status" aria-label="Loading">
      <Spinner className="h-5 w-5 text-indigo-600" />
    </div>
  );
}

export function SkeletonRows({ columns, rows }: { columns: number; rows: number }) {
  return Array.from({ length: rows }, (_, r) => (
    <tr key={r} aria-hidden>
      {Array.from({ length: Math.max(1, columns) }, (_, c) => (
        <td key={c} className="border-b border-slate-100 px-3 py-2">
          <div className="h-3 animate-pulse rounded bg-slate-200" />
        </td>
      ))}
    </tr>
  ));
}

export function EmptyState({ message, note }: { message: string; note: string | null }) {
  return (
    <div className="flex flex-col items-center justify-center gap-1 py-6 text-sm text-slate-500">
      <span>{message}</span>
      {note ? <span className="text-xs text-amber-700">{note}</span> : null}
    </div>
  );
}
