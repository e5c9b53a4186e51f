import { describe, expect, it } from "vitest";
import type { AppMember } from "@/engine/contract/sharing";
import { accessesOf, shareCandidates } from "./share-candidates";

const directory = {
  people: [
    { id: "p1", name: "Olga", email: "olga@x.test", role: "editor" as const },
    { id: "p2", name: "Uma", email: "uma@x.test", role: "user" as const },
    { id: "p3", name: "Ed", email: "ed@x.test", role: "editor" as const },
  ],
  groups: [
    { id: "g1", name: "Support" },
    { id: "g2", name: "Sales" },
  ],
};

const member = (kind: AppMember["kind"], subjectId: string, role: AppMember["role"] = null): AppMember => ({
  id: `m-${subjectId}`,
  kind,
  subjectId,
  name: subjectId,
  email: null,
  role,
  access: "use",
  owner: false,
});

describe("shareCandidates", () => {
  it("lists people then groups that are not members yet, the owner included among members", () => {
    const members = [{ ...member("user", "p1", "editor"), id: "owner", owner: true }, member("group", "g2")];
    expect(shareCandidates(directory, members).map((c) => [c.value, c.label, c.accesses])).toEqual([
      ["user:p2", "Uma (uma@x.test)", ["use"]],
      ["user:p3", "Ed (ed@x.test)", ["use", "edit"]],
      ["group:g1", "Support", ["use", "edit"]],
    ]);
  });

  it("a person and a group with the same id are different candidates", () => {
    const d = { people: [{ id: "same", name: "A", email: "a@x.test", role: "editor" as const }], groups: [{ id: "same", name: "G" }] };
    expect(shareCandidates(d, [member("group", "same")]).map((c) => c.value)).toEqual(["user:same"]);
  });
});

describe("accessesOf", () => {
  it("gives a user use only; editors, admins and groups use or edit", () => {
    expect(accessesOf(member("user", "u", "user"))).toEqual(["use"]);
    expect(accessesOf(member("user", "e", "editor"))).toEqual(["use", "edit"]);
    expect(accessesOf(member("user", "a", "admin"))).toEqual(["use", "edit"]);
    expect(accessesOf(member("group", "g"))).toEqual(["use", "edit"]);
  });
});
