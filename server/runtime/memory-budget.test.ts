import { describe, expect, it } from "vitest";
import { DEFAULT_PY_MEMORY_MB, pythonMemoryBytes } from "./memory-budget";

const MIB = 1024 * 1024;

describe("LATHE_PY_MEMORY_MB", () => {
  it("defaults to 1024 MB", () => {
    expect(pythonMemoryBytes({})).toBe(DEFAULT_PY_MEMORY_MB * MIB);
    expect(pythonMemoryBytes({ LATHE_PY_MEMORY_MB: "512" })).toBe(512 * MIB);
  });

  it("refuses what is not a whole number of megabytes from 256 to 1048576, saying so", () => {
    for (const bad of ["12", "lots", "1.5", "-1", "2000000"]) {
      expect(() => pythonMemoryBytes({ LATHE_PY_MEMORY_MB: bad })).toThrow(`LATHE_PY_MEMORY_MB must be a whole number of megabytes from 256 to 1048576 (it is "${bad}")`);
    }
  });
});
