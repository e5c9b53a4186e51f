import type { Block } from "@/engine/model";
import { relativeTime } from "../ui/relative-time";
import type { PageItem, SelectedFunction } from "./types";

function blockSummary(b: Block): string {
  switch (b.type) {
    case "code":
      return `${b.config.language}: ${b.config.source.split("\n").find((l) => l.trim() && !l.trim().startsWith("//")) ?? ""}`;
    case "query":
      return `${b.config.kind} query`;
    case "branch":
      return `${b.config.cases.length} case${b.config.cases.length === 1 ? "" : "s"} and else`;
    case "loop":
      return `over ${b.config.source}`;
    case "return":
      return b.config.value;
    case "callFunction":
      return `calls ${b.config.functionId}`;
    default:
      return "";
  }
}

/** What a function is made of: parameters, blocks, settings and saved versions (read-only). */
export function FunctionOverview({ fn, pages, now }: { fn: SelectedFunction; pages: PageItem[]; now: number }) {
  const def = fn.definition;
  const scope = fn.pageId ? `Page: ${pages.find((p) => p.id === fn.pageId)?.name ?? "?"}` : "Global";
  return (
    <div className="mx-auto max-w-4xl p-6" data-testid="function-overview" data-function-id={fn.id}>
      <div className="flex items-baseline gap-3">
        <h2 className="font-mono text-xl font-semibold">{fn.name}</h2>
        <span className="text-sm text-slate-500">
          {scope} · version {fn.currentVersion} · {def.runBehavior === "automatic" ? "runs automatically" : "runs manually"}
          {def.runOnPageLoad ? " and on page load" : ""} · timeout {def.timeoutMs / 1000} s
        </span>
      </div>

      <section className="mt-6">
        <h3 className="mb-2 text-sm font-semibold text-slate-700">Parameters</h3>
        {def.params.length === 0 ? (
          <p className="text-sm text-slate-500">No parameters.</p>
        ) : (
          <table className="w-full text-left text-sm">
            <thead className="text-xs uppercase text-slate-500">
              <tr>
                <th className="py-1">Name</th>
                <th>Type</th>
                <th>Required</th>
                <th>Default</th>
                <th>Description</th>
              </tr>
            </thead>
            <tbody>
              {def.params.map((p) => (
                <tr key={p.name} className="border-t border-slate-200">
                  <td className="py-1 font-mono">{p.name}</td>
                  <td>{p.type}</td>
                  <td>{p.required ? "yes" : "no"}</td>
                  <td className="font-mono">{p.default === undefined ? "—" : JSON.stringify(p.default)}</td>
                  <td className="text-slate-600">{p.description}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="mt-6">
        <h3 className="mb-2 text-sm font-semibold text-slate-700">Blocks</h3>
        <ol className="space-y-1">
          {def.graph.blocks.map((b) => (
            <li
              key={b.id}
              data-block-name={b.name}
              data-block-type={b.type}
              className="flex gap-3 rounded-md border border-slate-200 bg-white px-3 py-2 text-sm"
            >
              <span className="w-40 shrink-0 truncate font-mono">{b.name}</span>
              <span className="w-24 shrink-0 text-slate-500">{b.type}</span>
              <span className="truncate font-mono text-slate-600">{blockSummary(b)}</span>
            </li>
          ))}
        </ol>
      </section>

      <section className="mt-6">
        <h3 className="mb-2 text-sm font-semibold text-slate-700">Versions</h3>
        <ul className="text-sm" data-testid="version-list">
          {fn.versions.map((v) => (
            <li key={v.version} className="flex gap-3 border-t border-slate-200 py-1">
              <span className="w-10 font-mono">v{v.version}</span>
              <span className="w-20 text-slate-500">{v.reason}</span>
              <span className="font-mono">{v.name}</span>
              <span className="ml-auto text-slate-500">{relativeTime(v.createdAt, now)}</span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
