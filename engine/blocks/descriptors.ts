import type { Block, BlockOf, BlockType } from "../model";
import { branch } from "./branch";
import { callFunction } from "./call-function";
import { code } from "./code";
import type { BlockDescriptor, BlockPort, PaletteItem } from "./descriptor";
import { errorHandler } from "./error-handler";
import { loop } from "./loop";
import { query } from "./query";
import { returnBlock } from "./return";
import { start } from "./start";

export type BlockDescriptors = { readonly [K in BlockType]: BlockDescriptor<K> };
/** The descriptor of some block type, as code that iterates over all of them holds it. */
export type AnyBlockDescriptor = BlockDescriptors[BlockType];

/**
 * One descriptor per block type. The mapped type makes a missing or misspelt type a compile
 * error. The order is the palette's.
 */
export const BLOCK_DESCRIPTORS: BlockDescriptors = {
  start,
  query,
  code,
  branch,
  loop,
  callFunction,
  errorHandler,
  return: returnBlock,
};

/** Every block type, in palette order. */
export const BLOCK_TYPES: readonly BlockType[] = Object.values(BLOCK_DESCRIPTORS).map((d) => d.type);

export function descriptorOf<K extends BlockType>(type: K): BlockDescriptor<K> {
  return BLOCK_DESCRIPTORS[type];
}

/**
 * Calls `f` with the block and its own type's descriptor. TypeScript cannot relate `block.type`
 * to `block` across a union, so the type travels as its own argument (`K` is then a single
 * type inside `f`'s callers and the whole union here, where `BlockOf<BlockType>` is `Block`).
 */
function withDescriptor<K extends BlockType, R>(type: K, block: BlockOf<K>, f: (d: BlockDescriptor<K>, b: BlockOf<K>) => R): R {
  return f(BLOCK_DESCRIPTORS[type], block);
}

/** The ports an edge may leave `block` through, with their canvas labels, in display order. */
export function blockPorts(block: Block): readonly BlockPort[] {
  return withDescriptor(block.type, block, (d, b) => d.ports(b));
}

/** One line that says what `block` does. */
export function blockSummary(block: Block): string {
  return withDescriptor(block.type, block, (d, b) => d.summary(b));
}

/** The short badge of `block` on the canvas. */
export function blockTag(block: Block): string {
  return withDescriptor(block.type, block, (d, b) => d.tag(b));
}

/** Whether `type` is an entry (start, error handler): nothing leads into it, it never sits in a loop. */
export function isEntry(type: BlockType): boolean {
  return BLOCK_DESCRIPTORS[type].entry;
}

/** The palette's buttons, in order. */
export const PALETTE: ReadonlyArray<PaletteItem & { type: BlockType }> = BLOCK_TYPES.flatMap((type) =>
  BLOCK_DESCRIPTORS[type].palette.map((item) => ({ ...item, type })),
);
