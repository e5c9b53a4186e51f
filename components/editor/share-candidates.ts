import type { AppMember, DirectoryResponse, MemberKind, ShareAccess } from "@/engine/contract/sharing";

/** One entry of the Share dialog's picker: a person or a group the app is not shared with yet. */
export interface ShareCandidate {
  /** `user:<id>` or `group:<id>`: one select's value for either kind. */
  value: string;
  kind: MemberKind;
  id: string;
  label: string;
  /** The access this candidate may be given: a `user` only ever uses apps. */
  accesses: readonly ShareAccess[];
}

const BOTH: readonly ShareAccess[] = ["use", "edit"];
const USE_ONLY: readonly ShareAccess[] = ["use"];

/** The people, then the groups, of the directory who are not members of the app yet (the owner is one). */
export function shareCandidates(directory: DirectoryResponse, members: readonly AppMember[]): ShareCandidate[] {
  const taken = new Set(members.map((m) => `${m.kind}:${m.subjectId}`));
  const people: ShareCandidate[] = directory.people.map((p) => ({
    value: `user:${p.id}`,
    kind: "user",
    id: p.id,
    label: `${p.name} (${p.email})`,
    accesses: p.role === "user" ? USE_ONLY : BOTH,
  }));
  const groups: ShareCandidate[] = directory.groups.map((g) => ({ value: `group:${g.id}`, kind: "group", id: g.id, label: g.name, accesses: BOTH }));
  return [...people, ...groups].filter((c) => !taken.has(c.value));
}

/** What a member may be given: a person whose role is `user` only `use`. */
export function accessesOf(member: Pick<AppMember, "kind" | "role">): readonly ShareAccess[] {
  return member.kind === "user" && member.role === "user" ? USE_ONLY : BOTH;
}
