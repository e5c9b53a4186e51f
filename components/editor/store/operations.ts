/**
 * The editor's pure edits of a FunctionDefinition. Each takes a definition and returns a new
 * one (never mutating its input, sharing what did not change); fallible edits return an
 * `EditResult` whose refusal keeps the input definition and gives a reason.
 */
export { type EditResult, type CreateResult } from "./edit-result";
export { addBlock, parentProblem, type AddBlockOptions } from "./add-block";
export { connect, connectionProblem, newEdgeId } from "./connect";
export { removeBlocks, removeEdges, withDescendants } from "./remove-blocks";
export { moveBlocks } from "./move-blocks";
export { updateBlock, type BlockPatch } from "./update-block";
export { renameBlock } from "./rename-block";
export { addParam, removeParam, moveParam, updateParam, renameParam, type ParamInput } from "./params";
export { updateSettings, type SettingsPatch } from "./update-settings";
export { copyBlocks, pasteBlocks, parseClipboard, Clipboard, type PasteOptions } from "./clipboard";
export { renameInCode, renameInTemplate, isReference, type Language, type Renames } from "./rename-identifiers";
export { renameReferences, renameReferencesInBlock } from "./rename-references";
export { nameProblem, uniqueName, takenNames } from "./unique-names";
export { UNSET_FUNCTION_ID, UNSET_RESOURCE_ID, type CodeLanguage } from "@/engine/blocks";
export { checkUnsetTargets } from "./check-unset-targets";
