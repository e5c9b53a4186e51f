import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadVersioned, oldestVersion } from "@/engine/model";
import { STORED_DOCUMENT_KINDS } from "./document-kinds";

/**
 * One stored document per kind and per version below the current one (tldraw's habit): a
 * migration with no sample here fails the first test, so none is left unexercised. Each kind
 * also has a sample of its current version.
 */
const SAMPLES: Record<string, Record<number, Record<string, unknown>>> = {
  "function definition": {
    0: { params: [], blocks: [{ id: "start", name: "start", type: "start", config: {} }], edges: [] },
    1: { schemaVersion: 1, graph: { blocks: [{ id: "start", name: "start", type: "start", position: { x: 0, y: 0 }, config: {} }], edges: [] } },
  },
  "page tree": {
    1: { version: 1, components: [{ id: "c1", name: "title", type: "text", layout: { x: 0, y: 0, w: 4, h: 1 } }] },
  },
  run: {
    1: { input: { id: 1 }, output: 2, error: null, trace: [], logs: [] },
  },
  "resource config": {
    1: { kind: "sqlite", config: { path: "/tmp/x.db" } },
  },
  "audit detail": {
    1: { name: "getCustomers", version: 3 },
  },
};

describe("stored document kinds", () => {
  it.each(STORED_DOCUMENT_KINDS.map((e) => [e.kind.kind, e] as const))("%s has a migration list, and a sample for each step", (name, { kind }) => {
    expect(Array.isArray(kind.migrations), `${name} has no migration list`).toBe(true);
    expect(oldestVersion(kind)).toBeGreaterThanOrEqual(0);
    const samples = SAMPLES[name];
    expect(samples, `no samples for ${name}`).toBeDefined();
    for (let v = oldestVersion(kind); v <= kind.currentVersion; v++) expect(samples[v], `${name}: a sample of version ${v}`).toBeDefined();
  });

  it.each(STORED_DOCUMENT_KINDS.flatMap((e) => Object.keys(SAMPLES[e.kind.kind] ?? {}).map((v) => [e.kind.kind, Number(v), e] as const)))(
    "a stored %s of version %i loads as the current version",
    (name, v, { kind }) => {
      const loaded = loadVersioned(kind, SAMPLES[name][v], v);
      if (!loaded.ok) throw new Error(loaded.message);
      expect(loaded.migratedFrom).toBe(v);
      expect(kind.schema.safeParse(loaded.value).success).toBe(true);
    },
  );

  it("claims every JSON column of the schema, and only those", () => {
    const schema = fs.readFileSync(path.join(process.cwd(), "prisma", "schema.prisma"), "utf8");
    const jsonColumns: string[] = [];
    let model = "";
    let doc = "";
    for (const line of schema.split("\n")) {
      const m = /^model (\w+)/.exec(line);
      if (m) model = m[1];
      const d = /^\s*\/\/\/(.*)$/.exec(line);
      if (d) {
        doc += d[1];
        continue;
      }
      const field = /^\s+(\w+)\s+\w/.exec(line);
      if (field && doc.includes("(JSON)")) jsonColumns.push(`${model}.${field[1]}`);
      doc = "";
    }
    const claimed = STORED_DOCUMENT_KINDS.flatMap((e) => e.columns);
    expect(jsonColumns.length).toBeGreaterThan(5);
    expect([...claimed].sort()).toEqual([...jsonColumns].sort());
  });
});

describe("the storage layer is the only reader of stored JSON", () => {
  const sources = (dir: string) =>
    fs
      .readdirSync(path.join(process.cwd(), "server", dir))
      .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
      .map((f) => ({ file: `server/${dir}/${f}`, text: fs.readFileSync(path.join(process.cwd(), "server", dir, f), "utf8") }));

  it("services and runtime never parse JSON themselves", () => {
    for (const { file, text } of [...sources("services"), ...sources("runtime")]) expect(text, file).not.toMatch(/JSON\.parse\(/);
  });

  it("runtime does not import services, and storage imports neither", () => {
    for (const { file, text } of sources("runtime")) expect(text, file).not.toMatch(/from "\.\.\/services\//);
    for (const { file, text } of sources("storage")) expect(text, file).not.toMatch(/from "\.\.\/(services|runtime)\//);
  });
});
