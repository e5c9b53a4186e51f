import { z } from "zod";
import { AppParams } from "./apps";
import { RecordId } from "./common";
import { Role } from "./people";

/**
 * Per-app sharing: `/api/apps/<appId>/members[/<memberId>]`, and the directory the picker reads
 * (`/api/directory`). A member is a person or a group with `use` (open and run the app) or `edit`
 * (build it too). The app's creator is listed first as its owner, with `edit`, and cannot be
 * changed or removed.
 */

export const ShareAccess = z.enum(["use", "edit"]);
export type ShareAccess = z.infer<typeof ShareAccess>;

/** Who a membership is for: a person (`user`) or a group. */
export const MemberKind = z.enum(["user", "group"]);
export type MemberKind = z.infer<typeof MemberKind>;

/** The member id of the owner's row: not a stored membership, so it can be neither changed nor removed. */
export const OWNER_MEMBER_ID = "owner";

export const MemberParams = AppParams.extend({ memberId: RecordId });

export const AppMember = z.object({
  /** The membership's id (`OWNER_MEMBER_ID` for the owner). */
  id: z.string(),
  kind: MemberKind,
  /** The person's or the group's id. */
  subjectId: z.string(),
  name: z.string(),
  /** People only. */
  email: z.string().nullable(),
  /** People only: a `user` can be given `use`, never `edit`. */
  role: Role.nullable(),
  access: ShareAccess,
  owner: z.boolean(),
});
export type AppMember = z.infer<typeof AppMember>;

export const AppMembersResponse = z.object({ members: z.array(AppMember) });
export const AppMemberResponse = z.object({ member: AppMember });

/** `POST /api/apps/<appId>/members`. */
export const AddAppMember = z.object({ kind: MemberKind, id: RecordId, access: ShareAccess });
export type AddAppMember = z.infer<typeof AddAppMember>;

/** `PATCH /api/apps/<appId>/members/<memberId>`. */
export const ChangeAppMember = z.object({ access: ShareAccess });
export type ChangeAppMember = z.infer<typeof ChangeAppMember>;

/** The people and groups an app can be shared with (`GET /api/directory`): nothing more than the picker shows. */
export const DirectoryPerson = z.object({ id: z.string(), name: z.string(), email: z.string(), role: Role });
export type DirectoryPerson = z.infer<typeof DirectoryPerson>;
export const DirectoryGroup = z.object({ id: z.string(), name: z.string() });
export type DirectoryGroup = z.infer<typeof DirectoryGroup>;
export const DirectoryResponse = z.object({ people: z.array(DirectoryPerson), groups: z.array(DirectoryGroup) });
export type DirectoryResponse = z.infer<typeof DirectoryResponse>;
