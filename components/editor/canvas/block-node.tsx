"use client";

import { Handle, Position, type NodeProps } from "@xyflow/react";
import { memo } from "react";
import { blockPorts, blockSummary, blockTag, isEntry } from "@/engine/blocks";
import type { BlockNode } from "../store/flow-nodes";

const STATUS_STYLE = {
  running: "border-indigo-400 animate-pulse",
  ok: "border-green-500",
  error: "border-red-500 ring-2 ring-red-200",
  skipped: "border-slate-300 opacity-60 border-dashed",
} as const;

function BlockNodeView({ data, selected }: NodeProps<BlockNode>) {
  const { block, status, durationMs, problems } = data;
  const ports = blockPorts(block);
  const hasInput = !isEntry(block.type);
  const border = status ? STATUS_STYLE[status] : problems?.length ? "border-amber-500" : "border-slate-300";
  return (
    <div
      data-block-name={block.name}
      data-block-type={block.type}
      data-status={status ?? ""}
      className={`min-w-44 max-w-64 rounded-lg border-2 bg-white px-3 py-2 text-left shadow-sm ${border} ${selected ? "outline outline-2 outline-indigo-500" : ""} ${block.type === "loop" ? "h-full w-full" : ""}`}
    >
      {hasInput ? <Handle type="target" position={Position.Top} /> : null}
      <div className="flex items-baseline justify-between gap-2">
        <span className="truncate font-mono text-sm font-semibold">{block.name}</span>
        <span className="shrink-0 text-[10px] uppercase tracking-wide text-slate-500">{blockTag(block)}</span>
      </div>
      <div className="truncate font-mono text-xs text-slate-500">{blockSummary(block)}</div>
      {status ? (
        <div className="mt-1 text-[10px] text-slate-600" data-testid="block-status">
          {status}{durationMs !== undefined ? ` · ${durationMs.toFixed(durationMs < 10 ? 1 : 0)} ms` : ""}
        </div>
      ) : null}
      {problems?.length ? (
        <div className="mt-1 text-[10px] text-amber-700" data-testid="block-problem" title={problems.map((p) => p.message).join("\n")}>
          ⚠ {problems[0].message}{problems.length > 1 ? ` (+${problems.length - 1})` : ""}
        </div>
      ) : null}
      {ports.map((port, i) => (
        <Handle
          key={port.id}
          id={port.id}
          type="source"
          position={Position.Bottom}
          style={{ left: `${((i + 1) / (ports.length + 1)) * 100}%`, background: port.id === "error" ? "#dc2626" : undefined }}
          title={port.label || "next"}
          data-port={port.id}
        />
      ))}
      {ports.some((p) => p.label) ? (
        <div className="pointer-events-none relative mt-1 h-3 text-[9px] text-slate-500">
          {ports.map((port, i) => (
            <span key={port.id} className="absolute -translate-x-1/2" style={{ left: `${((i + 1) / (ports.length + 1)) * 100}%` }}>{port.label}</span>
          ))}
        </div>
      ) : null}
    </div>
  );
}

export const BlockNodeComponent = memo(BlockNodeView);
