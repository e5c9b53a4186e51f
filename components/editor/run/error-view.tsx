"use client";

import type { EngineErrorData } from "@/engine/errors/codes";
import { JsonTree } from "@/components/shared/json-tree";

/** An engine error: code badge, HTTP status, message, the block it names (a link to select it), and its data. */
export function ErrorView({
  error,
  testId,
  onSelectBlockName,
}: {
  error: EngineErrorData;
  testId?: string;
  onSelectBlockName?: (name: string) => void;
}) {
  return (
    <div data-testid={testId} data-error-code={error.code} className="space-y-2 text-sm">
      <div className="flex flex-wrap items-center gap-2">
        <span className="rounded bg-red-100 px-1.5 py-0.5 font-mono text-xs font-semibold text-red-800">{error.code}</span>
        <span className="text-xs text-slate-500">HTTP {error.status}</span>
        {error.block ? (
          <span className="text-xs text-slate-600">
            in block{" "}
            {onSelectBlockName ? (
              <button type="button" className="font-mono text-indigo-700 hover:underline" onClick={() => onSelectBlockName(error.block ?? "")}>
                {error.block}
              </button>
            ) : (
              <span className="font-mono">{error.block}</span>
            )}
          </span>
        ) : null}
      </div>
      <p className="whitespace-pre-wrap break-words text-red-800">{error.message}</p>
      {error.data !== undefined ? (
        <div>
          <h4 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Data</h4>
          <JsonTree value={error.data} initiallyExpanded={2} />
        </div>
      ) : null}
    </div>
  );
}
