import { describe, expect, it } from "vitest";
import { RESERVED_PORTS } from "../graph/ports-of";
import { Block, Edge, Identifier, type BlockType } from "../model";
import type { BlockDescriptor } from "./descriptor";
import { BLOCK_DESCRIPTORS, BLOCK_TYPES, PALETTE, blockPorts, blockSummary, blockTag, type AnyBlockDescriptor, type BlockDescriptors } from "./descriptors";

/** Every field of a descriptor, with what `typeof` gives for it. */
const FIELDS = {
  type: "string",
  label: "string",
  tag: "function",
  nameStem: "string",
  bareFirstName: "boolean",
  entry: "boolean",
  producesResult: "boolean",
  ports: "function",
  defaultConfig: "function",
  palette: "object",
  summary: "function",
} as const satisfies { [F in keyof BlockDescriptor<BlockType>]: string }; // a field missing here fails to compile

// A table without one of the block types fails to compile.
const { return: _left, ...incomplete } = BLOCK_DESCRIPTORS;
// @ts-expect-error `return` has no descriptor
const _missing: BlockDescriptors = incomplete;

/** The block types of the schema, read from the discriminated union's options. */
const SCHEMA_TYPES: BlockType[] = Block.options.map((o) => o.shape.type.value);

function configSchemaOf(type: BlockType) {
  const option = Block.options.find((o) => o.shape.type.value === type);
  if (!option) throw new Error(`No schema option ${type}`);
  return option.shape.config;
}

/** A block of `type` as the editor adds it: named from its stem, with its default config. */
function freshBlock(type: BlockType, options: { language?: "javascript" | "python" } = {}): Block {
  const d = BLOCK_DESCRIPTORS[type];
  return Block.parse({ id: "b1", name: `${d.nameStem}1`, type, config: d.defaultConfig(options) });
}

describe("block descriptors", () => {
  it("cover exactly the block types of the schema", () => {
    expect([...BLOCK_TYPES].sort()).toEqual([...SCHEMA_TYPES].sort());
    expect(Object.keys(BLOCK_DESCRIPTORS).sort()).toEqual([...SCHEMA_TYPES].sort());
  });

  describe.each(SCHEMA_TYPES)("%s", (type) => {
    const d: AnyBlockDescriptor = BLOCK_DESCRIPTORS[type];

    it("has every field, of the right kind", () => {
      for (const [field, kind] of Object.entries(FIELDS)) {
        expect(typeof d[field as keyof typeof FIELDS], `${type}.${field}`).toBe(kind); // entries() widens keys to string
      }
      expect(d.type).toBe(type);
      expect(d.label.trim()).not.toBe("");
    });

    it("has a default config that parses with the type's config schema, for every palette item", () => {
      for (const options of [{}, ...d.palette]) {
        expect(configSchemaOf(type).safeParse(d.defaultConfig(options)).success, JSON.stringify(options)).toBe(true);
        expect(freshBlock(type, options).type).toBe(type);
      }
    });

    it("has a name stem that makes valid block names", () => {
      expect(Identifier.safeParse(`${d.nameStem}1`).success).toBe(true);
      if (d.bareFirstName) expect(Identifier.safeParse(d.nameStem).success).toBe(true);
    });

    it("offers unique, valid ports; those that are not branch cases are the reserved ones", () => {
      const blocks = [freshBlock(type)];
      if (type === "branch") {
        blocks.push(Block.parse({ ...freshBlock(type), config: { cases: [{ id: "a", condition: "" }, { id: "b", label: "B", condition: "" }] } }));
      }
      for (const b of blocks) {
        const ids = blockPorts(b).map((p) => p.id);
        expect(new Set(ids).size).toBe(ids.length);
        for (const id of ids) expect(Edge.shape.port.safeParse(id).success).toBe(true);
        const caseIds = b.type === "branch" ? b.config.cases.map((c) => c.id) : [];
        for (const id of ids.filter((x) => !caseIds.includes(x))) expect(RESERVED_PORTS.has(id), id).toBe(true);
      }
    });

    it("tags and summarises a fresh block", () => {
      const b = freshBlock(type);
      expect(blockTag(b).trim()).not.toBe("");
      expect(typeof blockSummary(b)).toBe("string");
    });

    it("is either an entry or offered in the palette", () => {
      if (type !== "start") expect(d.palette.length).toBeGreaterThan(0);
      if (!d.entry) expect(d.palette.length).toBeGreaterThan(0);
    });
  });

  it("name every reserved port on some block type", () => {
    const fixed = new Set(SCHEMA_TYPES.flatMap((t) => blockPorts(freshBlock(t)).map((p) => p.id)));
    for (const port of RESERVED_PORTS) expect(fixed.has(port), port).toBe(true);
  });

  it("keep the palette's buttons, labels and order", () => {
    expect(PALETTE).toEqual([
      { type: "query", label: "Resource query" },
      { type: "code", label: "JavaScript", language: "javascript" },
      { type: "code", label: "Python", language: "python" },
      { type: "branch", label: "Branch" },
      { type: "loop", label: "Loop" },
      { type: "callFunction", label: "Call function" },
      { type: "errorHandler", label: "Error handler" },
      { type: "return", label: "Return" },
    ]);
  });

  it("say which blocks produce the run's result and which are entries", () => {
    const where = (f: (d: AnyBlockDescriptor) => boolean) => SCHEMA_TYPES.filter((t) => f(BLOCK_DESCRIPTORS[t])).sort();
    expect(where((d) => d.producesResult)).toEqual(["callFunction", "code", "loop", "query", "return"]);
    expect(where((d) => d.entry)).toEqual(["errorHandler", "start"]);
  });

  it("summarise each kind of block in one line", () => {
    const parse = (type: BlockType, config: unknown) => Block.parse({ id: "x", name: "x", type, config });
    expect(blockSummary(parse("code", { language: "python", source: "# note\n\n  x = 1\nreturn x" }))).toBe("x = 1");
    expect(blockSummary(parse("query", { kind: "rest", resourceId: "r", method: "GET", path: "/users" }))).toBe("GET /users");
    expect(blockSummary(parse("query", { kind: "sql", resourceId: "r", statement: "select *\n  from t" }))).toBe("select * from t");
    expect(blockSummary(parse("query", { kind: "smtp", resourceId: "r", to: "a@b.c", subject: "s" }))).toBe("mail to a@b.c");
    expect(blockSummary(parse("branch", { cases: [{ id: "a", label: "big", condition: "{{ x }}" }, { id: "b", condition: "{{ y }}" }] }))).toBe("big · {{ y }}");
    expect(blockSummary(parse("loop", { source: "{{ rows }}" }))).toBe("over {{ rows }}");
    expect(blockSummary(parse("return", { value: "{{ 1 }}" }))).toBe("{{ 1 }}");
    expect(blockSummary(parse("callFunction", { functionId: "f" }))).toBe("calls another function");
    expect(blockSummary(parse("start", {}))).toBe("");
  });

  it("label ports and badges for the canvas: case labels, else, error, body and done; the language of code", () => {
    const branch = Block.parse({ id: "x", name: "x", type: "branch", config: { cases: [{ id: "a", label: "big", condition: "" }, { id: "b", condition: "" }] } });
    expect(blockPorts(branch)).toEqual([{ id: "a", label: "big" }, { id: "b", label: "b" }, { id: "else", label: "else" }, { id: "error", label: "error" }]);
    expect(blockPorts(freshBlock("loop"))).toEqual([{ id: "body", label: "body" }, { id: "next", label: "done" }, { id: "error", label: "error" }]);
    expect(blockTag(freshBlock("code", { language: "python" }))).toBe("python");
    expect(Object.fromEntries(SCHEMA_TYPES.map((t) => [t, blockTag(freshBlock(t))]))).toEqual({
      start: "start", query: "query", code: "javascript", branch: "branch", loop: "loop",
      errorHandler: "error handler", callFunction: "call", return: "return",
    });
  });
});
