import type { z } from "zod";
import type { Block, BlockOf, BlockType } from "../model";

export type CodeLanguage = BlockOf<"code">["config"]["language"];

/** A port an edge may leave a block through, and what the canvas writes under it. */
export interface BlockPort {
  id: string;
  label: string;
}

/** What a fresh block may be asked for when it is added (the palette's JavaScript and Python). */
export interface NewBlockOptions {
  language?: CodeLanguage;
}

/** One button of the editor's palette: its text and the options the block is added with. */
export interface PaletteItem extends NewBlockOptions {
  label: string;
}

/** The config a block of type `K` may be written with before schema defaults apply. */
export type BlockConfigInput<K extends BlockType> = Extract<z.input<typeof Block>, { type: K }>["config"];

/**
 * Everything that is known about a block type apart from its config schema (engine/model),
 * its executor (interpreter/blocks) and its inspector form (components/editor/inspector).
 * Framework-free: the canvas, palette, inspector, default-block factory, graph checks and
 * interpreter all read it.
 */
export interface BlockDescriptor<K extends BlockType> {
  type: K;
  /** What the builder calls it: the inspector's header. */
  label: string;
  /** The short badge on a canvas node (a code block shows its language). */
  tag(block: BlockOf<K>): string;
  /** New blocks are named `stem1`, `stem2`…; with `bareFirstName` the first is just `stem`. */
  nameStem: string;
  bareFirstName: boolean;
  /**
   * An entry of the function, run by the engine: no edge leads into it (it takes no input
   * edge), it never sits inside a loop, and it has no timeout or retries to set.
   */
  entry: boolean;
  /** Its data can be the run's result, "the data of the last block run"; others only steer. */
  producesResult: boolean;
  /** The ports an edge may leave it through, in display order. */
  ports(block: BlockOf<K>): readonly BlockPort[];
  /** The config a freshly added block starts with; it parses with the type's config schema. */
  defaultConfig(options: NewBlockOptions): BlockConfigInput<K>;
  /** The palette's buttons that add this type; none for a block that is never added by hand. */
  palette: readonly PaletteItem[];
  /** One line that says what the block does. */
  summary(block: BlockOf<K>): string;
}

export const NEXT_PORT: BlockPort = { id: "next", label: "" };
export const ERROR_PORT: BlockPort = { id: "error", label: "error" };

/**
 * The schema requires a non-empty `resourceId` / `functionId`, so a new query or call block
 * gets this placeholder: the block is valid by schema (the draft always parses) and the
 * editor pins a problem on it until the builder picks a resource or function.
 */
export const UNSET_RESOURCE_ID = "unset";
export const UNSET_FUNCTION_ID = "unset";
