import { describe, expect, it } from "vitest";
import { formatMs, formatSize } from "./format";

describe("formatMs", () => {
  it("reads well at every scale", () => {
    expect(formatMs(0)).toBe("0 ms");
    expect(formatMs(12.4)).toBe("12 ms");
    expect(formatMs(1234)).toBe("1.23 s");
    expect(formatMs(12_340)).toBe("12.3 s");
    expect(formatMs(125_000)).toBe("2 min 5 s");
    expect(formatMs(-1)).toBe("—");
  });
});

describe("formatSize", () => {
  it("uses B, KB, MB", () => {
    expect(formatSize(512)).toBe("512 B");
    expect(formatSize(1536)).toBe("1.5 KB");
    expect(formatSize(3 * 1024 * 1024)).toBe("3.0 MB");
  });
});
