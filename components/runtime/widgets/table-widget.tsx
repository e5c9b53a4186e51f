"use client";

import { useMemo, useState } from "react";
import { boolProp, describeKind, textProp } from "./prop-values";
import { cellText, cellValue, nextSort, normalisePageSize, tableView, type IndexedRow, type SortState } from "./table-model";
import { EmptyState, LoadingOverlay, Pager, SkeletonRows, SortHeader } from "./table-parts";
import { rootAttrs, type WidgetProps } from "./types";
import { FIELD_CLASS } from "./widget-parts";

const NO_ROWS: readonly unknown[] = [];

function Cell({ value }: { value: unknown }) {
  const text = cellText(value);
  const structured = typeof value === "object" && value !== null;
  return (
    <td title={text.length > 40 ? text : undefined} className={`max-w-[24rem] truncate border-b border-slate-100 px-3 py-1.5 ${structured ? "font-mono text-xs text-slate-500" : ""}`}>
      {text}
    </td>
  );
}

/**
 * `data` (an array of rows) as a sortable, searchable, paged table. Sort and page are local;
 * the search text is `state.searchText`; a click selects a row: setState({ selectedRow,
 * selectedIndex }) (the index in `data`) and fire("rowSelect", { row }).
 */
export function TableWidget({ component, props, state, setState, fire, loading }: WidgetProps) {
  const [sort, setSort] = useState<SortState | null>(null);
  const [page, setPage] = useState(0);
  const data = Array.isArray(props.data) ? props.data : NO_ROWS;
  const searchText = typeof state.searchText === "string" ? state.searchText : "";
  const pageSize = normalisePageSize(props.pageSize);
  const view = useMemo(
    () => tableView(data, { columns: props.columns, searchText, sort, page, pageSize }),
    [data, props.columns, searchText, sort, page, pageSize],
  );
  const title = textProp(props.title);
  const searchable = boolProp(props.searchable, true);
  const note = Array.isArray(props.data) || (loading && props.data == null) ? null : `Expected an array of rows, got ${describeKind(props.data)}`;
  const select = ({ row, index }: IndexedRow) => {
    setState({ selectedRow: row, selectedIndex: index });
    fire("rowSelect", { row });
  };

  return (
    <div
      {...rootAttrs(component)}
      data-loading={loading ? "true" : undefined}
      aria-busy={loading || undefined}
      className="flex h-full w-full min-w-0 flex-col overflow-hidden rounded-lg border border-slate-200 bg-white text-sm"
    >
      {title || searchable ? (
        <div className="flex shrink-0 items-center gap-2 border-b border-slate-200 px-3 py-1.5">
          {title ? <h2 className="min-w-0 flex-1 truncate text-sm font-semibold text-slate-800">{title}</h2> : <div className="flex-1" />}
          {searchable ? (
            <input
              type="search"
              value={searchText}
              placeholder="Search…"
              aria-label={`Search ${title || component.name}`}
              onChange={(e) => {
                setState({ searchText: e.target.value });
                setPage(0);
              }}
              className={`${FIELD_CLASS} max-w-56 py-1`}
            />
          ) : null}
        </div>
      ) : null}
      <div className="relative min-h-0 flex-1 overflow-auto">
        <table className="w-full border-collapse text-slate-800">
          <thead>
            <tr>
              {view.columns.map((c) => (
                <SortHeader key={c} column={c} sort={sort} onSort={(col) => setSort((s) => nextSort(s, col))} />
              ))}
            </tr>
          </thead>
          <tbody>
            {loading && data.length === 0 ? <SkeletonRows columns={view.columns.length} rows={Math.min(pageSize, 5)} /> : null}
            {view.rows.map((r) => {
              const selected = state.selectedIndex === r.index;
              return (
                <tr
                  key={r.index}
                  data-row-index={r.index}
                  aria-selected={selected}
                  tabIndex={0}
                  onClick={() => select(r)}
                  onKeyDown={(e) => {
                    if (e.key !== "Enter" && e.key !== " ") return;
                    e.preventDefault();
                    select(r);
                  }}
                  className={`cursor-pointer focus-visible:outline focus-visible:outline-indigo-400 ${selected ? "bg-indigo-50 text-indigo-900" : "hover:bg-slate-50"}`}
                >
                  {view.columns.map((c) => (
                    <Cell key={c} value={cellValue(r.row, c)} />
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
        {view.rows.length === 0 && !(loading && data.length === 0) ? (
          <EmptyState message={data.length > 0 ? "No rows match the search" : "No rows"} note={note} />
        ) : null}
        {loading && data.length > 0 ? <LoadingOverlay /> : null}
      </div>
      <Pager label={view.page.label} page={view.page.page} pageCount={view.page.pageCount} onPage={setPage} />
    </div>
  );
}
