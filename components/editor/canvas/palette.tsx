"use client";

import { PALETTE, type CodeLanguage } from "@/engine/blocks";
import type { BlockType } from "@/engine/model";

export const DRAG_MIME = "application/x-lathe-block";

/** Block kinds to add (the descriptors' palette items): click adds in view, drag drops where you let go. */
export function Palette({ onAdd }: { onAdd: (type: BlockType, language?: CodeLanguage) => void }) {
  return (
    <div className="flex gap-1 overflow-x-auto border-b border-slate-200 bg-white p-1.5" role="toolbar" aria-label="Add a block">
      {PALETTE.map((item) => (
        <button
          key={item.label}
          type="button"
          draggable
          data-palette={item.label}
          onDragStart={(e) => {
            e.dataTransfer.setData(DRAG_MIME, JSON.stringify({ type: item.type, language: item.language }));
            e.dataTransfer.effectAllowed = "move";
          }}
          onClick={() => onAdd(item.type, item.language)}
          className="shrink-0 whitespace-nowrap rounded-md border border-slate-300 bg-white px-2 py-0.5 text-xs hover:bg-slate-100"
        >
          + {item.label}
        </button>
      ))}
    </div>
  );
}
