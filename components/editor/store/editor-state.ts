import { validateDefinition, type Problem, type ValidateOptions } from "@/engine/graph";
import type { FunctionDefinition } from "@/engine/model";
import { checkUnsetTargets } from "./check-unset-targets";
import { deepEqual } from "./deep-equal";
import { createHistory, type History } from "./history";

export interface EditorState {
  /** The definition being edited: always `history.present`, always valid by schema. */
  readonly draft: FunctionDefinition;
  readonly history: History;
  /** Selected block and edge ids. */
  readonly selection: readonly string[];
  /** The last saved (or loaded) definition, the baseline of `dirty`. */
  readonly saved: FunctionDefinition;
  readonly savedVersion: number | null;
  /** The draft differs from `saved` (deep equality: undoing back to it makes it clean). */
  readonly dirty: boolean;
  /** `validateDefinition` of the draft plus the editor's own checks, recomputed when the draft changes. */
  readonly problems: readonly Problem[];
}

export function problemsOf(def: FunctionDefinition, options: ValidateOptions): Problem[] {
  return [...validateDefinition(def, options), ...checkUnsetTargets(def)];
}

export function initialState(definition: FunctionDefinition, savedVersion: number | null, options: ValidateOptions, historyLimit?: number): EditorState {
  return {
    draft: definition,
    history: createHistory(definition, historyLimit),
    selection: [],
    saved: definition,
    savedVersion,
    dirty: false,
    problems: problemsOf(definition, options),
  };
}

/**
 * Whether `b` differs from `a` in its graph at most by block positions (a drag), which validation
 * ignores: then the problems of `a` still hold and a drag does not re-validate on every frame.
 */
function sameButPositions(a: FunctionDefinition, b: FunctionDefinition): boolean {
  // Problems depend on params and graph only (settings are checked by the schema).
  if (a.params !== b.params || a.graph.edges !== b.graph.edges || a.graph.blocks.length !== b.graph.blocks.length) return false;
  return a.graph.blocks.every((x, i) => {
    const y = b.graph.blocks[i];
    if (x === y) return true;
    return x.id === y.id && x.name === y.name && x.type === y.type && x.config === y.config && x.parentId === y.parentId && x.timeoutMs === y.timeoutMs && x.retry === y.retry;
  });
}

/** Selection ids that still name a block or an edge of `def`; the same array when all do. */
export function prunedSelection(def: FunctionDefinition, selection: readonly string[]): readonly string[] {
  if (selection.length === 0) return selection;
  const ids = new Set([...def.graph.blocks.map((b) => b.id), ...def.graph.edges.map((e) => e.id)]);
  const kept = selection.filter((id) => ids.has(id));
  return kept.length === selection.length ? selection : kept;
}

/** The state after the history moved: derived fields follow the new present. */
export function withHistory(s: EditorState, history: History, options: ValidateOptions, selection = s.selection): EditorState {
  const draft = history.present;
  if (draft === s.draft) return history === s.history && selection === s.selection ? s : { ...s, history, selection };
  return {
    ...s,
    history,
    draft,
    selection: prunedSelection(draft, selection),
    dirty: !deepEqual(draft, s.saved),
    problems: sameButPositions(s.draft, draft) ? s.problems : problemsOf(draft, options),
  };
}
