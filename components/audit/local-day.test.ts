import { describe, expect, it } from "vitest";
import { fromDayToInstant, instantToFromDay, instantToToDay, toDayToInstant } from "./local-day";

describe("the audit filter's days", () => {
  it("round-trips a day through the instants the URL carries, in the reader's time zone", () => {
    expect(instantToFromDay(fromDayToInstant("2026-03-29"))).toBe("2026-03-29");
    expect(instantToToDay(toDayToInstant("2026-03-29"))).toBe("2026-03-29");
    expect(instantToToDay(toDayToInstant("2026-01-01"))).toBe("2026-01-01");
  });

  it("makes `to` the start of the next day, so the picked day is included whole", () => {
    const from = Date.parse(fromDayToInstant("2026-05-10"));
    const to = Date.parse(toDayToInstant("2026-05-10"));
    expect(to - from).toBeGreaterThanOrEqual(23 * 3600_000); // 23, 24 or 25 hours across a clock change
    expect(to - from).toBeLessThanOrEqual(25 * 3600_000);
  });

  it("keeps blanks blank and ignores what is not a day", () => {
    expect(fromDayToInstant("")).toBe("");
    expect(toDayToInstant("yesterday")).toBe("");
    expect(instantToFromDay(undefined)).toBe("");
    expect(instantToFromDay("2026-02-03")).toBe("2026-02-03");
    expect(instantToToDay("not a date")).toBe("");
  });
});
