import type { AuditEntryView } from "@/engine/contract/audit";
import { detailText } from "./detail-text";
import { LocalTime } from "./local-time";

/** An IPv4 address as a dual-stack socket reports it (`::ffff:10.0.0.5`) is shown as IPv4. */
function shownAddress(ip: string): string {
  return ip.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");
}

/** The audit log's rows, newest first. Rendered on the server; only the times are local. */
export function AuditTable({ entries }: { entries: AuditEntryView[] }) {
  if (entries.length === 0) {
    return (
      <p className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-sm text-slate-500" data-testid="audit-empty">
        No entries match.
      </p>
    );
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm" data-testid="audit-table">
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="px-3 py-2 font-medium">When</th>
            <th className="px-3 py-2 font-medium">Who</th>
            <th className="px-3 py-2 font-medium">Action</th>
            <th className="px-3 py-2 font-medium">Target</th>
            <th className="px-3 py-2 font-medium">Detail</th>
            <th className="px-3 py-2 font-medium">Address</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => {
            const detail = detailText(e.detail);
            return (
              <tr key={e.id} className="border-b border-slate-100 align-top last:border-0" data-testid="audit-row" data-action={e.action}>
                <td className="whitespace-nowrap px-3 py-2 text-slate-600">
                  <LocalTime iso={e.at} />
                </td>
                <td className="px-3 py-2" data-testid="audit-actor">{e.actorEmail ?? <span className="text-slate-400">–</span>}</td>
                <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">{e.action}</td>
                <td className="max-w-[16rem] break-all px-3 py-2 text-xs">
                  {e.targetType ? <span className="text-slate-500">{e.targetType} </span> : null}
                  <span className="font-mono">{e.targetId ?? ""}</span>
                </td>
                <td className="max-w-xs truncate px-3 py-2 font-mono text-xs text-slate-600" title={detail}>
                  {detail}
                </td>
                <td className="whitespace-nowrap px-3 py-2 font-mono text-xs text-slate-500" title={e.ip ?? undefined}>{e.ip ? shownAddress(e.ip) : ""}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
