import type { FunctionDefinition } from "@/engine/model";
import { addBlock } from "./add-block";
import { pasteBlocks } from "./clipboard";
import { connect } from "./connect";
import type { CreateResult, EditResult } from "./edit-result";
import type { EditAction } from "./editor-actions";
import { moveBlocks } from "./move-blocks";
import { addParam, moveParam, removeParam, renameParam, updateParam } from "./params";
import { removeBlocks, removeEdges } from "./remove-blocks";
import { renameBlock } from "./rename-block";
import { updateBlock } from "./update-block";
import { updateSettings } from "./update-settings";

export type EditOutcome =
  | { ok: true; def: FunctionDefinition; ids: string[]; select?: string[] }
  | { ok: false; reason: string };

const done = (def: FunctionDefinition): EditOutcome => ({ ok: true, def, ids: [] });
const fromEdit = (r: EditResult): EditOutcome => (r.ok ? done(r.def) : r);
const fromCreate = (r: CreateResult, selectIt: boolean): EditOutcome =>
  r.ok ? { ok: true, def: r.def, ids: [r.id], ...(selectIt ? { select: [r.id] } : {}) } : r;

function removeSelected(def: FunctionDefinition, selection: readonly string[]): FunctionDefinition {
  return removeBlocks(removeEdges(def, selection), selection);
}

/** Runs one edit action against `def` through the pure operations. */
export function applyEdit(def: FunctionDefinition, action: EditAction, selection: readonly string[]): EditOutcome {
  switch (action.type) {
    case "addBlock":
      return fromCreate(addBlock(def, action.blockType, action.position, { parentId: action.parentId, language: action.language }), true);
    case "connect":
      return fromCreate(connect(def, action.source, action.target, action.port), false);
    case "removeEdges":
      return done(removeEdges(def, action.edgeIds));
    case "removeBlocks":
      return done(removeBlocks(def, action.blockIds));
    case "removeSelection":
      return done(removeSelected(def, selection));
    case "moveBlocks":
      return done(moveBlocks(def, action.positions));
    case "updateBlock":
      return fromEdit(updateBlock(def, action.id, action.patch));
    case "renameBlock":
      return fromEdit(renameBlock(def, action.id, action.name));
    case "addParam":
      return fromCreate(addParam(def, action.param), false);
    case "removeParam":
      return done(removeParam(def, action.name));
    case "moveParam":
      return done(moveParam(def, action.from, action.to));
    case "updateParam":
      return fromEdit(updateParam(def, action.name, action.patch));
    case "renameParam":
      return fromEdit(renameParam(def, action.name, action.newName));
    case "updateSettings":
      return fromEdit(updateSettings(def, action.patch));
    case "paste": {
      const r = pasteBlocks(def, action.clipboard, action.offset, { parentId: action.parentId });
      return { ok: true, def: r.def, ids: r.newIds, select: r.newIds };
    }
  }
}
