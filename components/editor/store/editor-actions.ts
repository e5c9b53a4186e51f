import type { BlockType, FunctionDefinition, Position } from "@/engine/model";
import type { Clipboard } from "./clipboard";
import type { CodeLanguage } from "@/engine/blocks";
import type { ParamInput } from "./params";
import type { BlockPatch } from "./update-block";
import type { SettingsPatch } from "./update-settings";

/** Actions that change the draft; each becomes one undo step (or merges by `coalesceKey`). */
export type EditAction =
  | { type: "addBlock"; blockType: BlockType; position: Position; parentId?: string; language?: CodeLanguage }
  | { type: "connect"; source: string; target: string; port?: string }
  | { type: "removeEdges"; edgeIds: readonly string[] }
  | { type: "removeBlocks"; blockIds: readonly string[] }
  /** Removes the selected blocks and edges (the Delete key). */
  | { type: "removeSelection" }
  | { type: "moveBlocks"; positions: Readonly<Record<string, Position>>; coalesceKey?: string }
  | { type: "updateBlock"; id: string; patch: BlockPatch; coalesceKey?: string }
  | { type: "renameBlock"; id: string; name: string }
  | { type: "addParam"; param?: Partial<ParamInput> }
  | { type: "removeParam"; name: string }
  | { type: "moveParam"; from: number; to: number }
  | { type: "updateParam"; name: string; patch: Partial<ParamInput>; coalesceKey?: string }
  | { type: "renameParam"; name: string; newName: string }
  | { type: "updateSettings"; patch: SettingsPatch; coalesceKey?: string }
  | { type: "paste"; clipboard: Clipboard; offset: Position; parentId?: string };

export type EditorAction =
  | EditAction
  /** Block and edge ids, as React Flow selects both. */
  | { type: "select"; ids: readonly string[] }
  | { type: "undo" }
  | { type: "redo" }
  /** Ends a coalescing gesture (drag stop, editor blur). */
  | { type: "seal" }
  /** `definition` was saved as `version`: it becomes the baseline of `dirty`; the draft stays. */
  | { type: "markSaved"; definition: FunctionDefinition; version: number }
  /** Reload: the draft, the baseline and the history all restart from `definition`. */
  | { type: "replace"; definition: FunctionDefinition; version: number };

/** What `dispatch` answers: the ids an action created (blocks, an edge, a parameter), or why it was refused. */
export type DispatchResult = { ok: true; ids: string[] } | { ok: false; reason: string };
