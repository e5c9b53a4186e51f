import { z } from "zod";
import { RecordId } from "./common";
import { Email, NewPassword, PersonName, Role } from "./people";

/**
 * People administration, for admins: `/api/users`, `/api/groups`, `/api/invitations`,
 * `/api/settings/mail`; and `POST /api/invitations/accept`, open to anyone holding a link.
 */

export const UserParams = z.object({ userId: RecordId });
export const GroupParams = z.object({ groupId: RecordId });
export const GroupMemberParams = z.object({ groupId: RecordId, userId: RecordId });
export const InvitationParams = z.object({ invitationId: RecordId });

/** A person as the People page lists them. */
export const PersonView = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: Role,
  groups: z.array(z.object({ id: z.string(), name: z.string() })),
  createdAt: z.string(),
  /** How they sign in: a password of their own, single sign-on, or both. */
  signIn: z.object({ password: z.boolean(), sso: z.boolean() }),
});
export type PersonView = z.infer<typeof PersonView>;

export const PeopleList = z.object({ people: z.array(PersonView) });
export type PeopleList = z.infer<typeof PeopleList>;

export const RoleChange = z.object({ role: Role });
export type RoleChange = z.infer<typeof RoleChange>;
export const PersonAnswer = z.object({ person: PersonView });
export type PersonAnswer = z.infer<typeof PersonAnswer>;

/** Admin-managed ("local") or taken from the single sign-on groups claim ("oidc", read-only). */
export const GroupSource = z.enum(["local", "oidc"]);
export type GroupSource = z.infer<typeof GroupSource>;

export const GroupName = z.string().trim().min(1, "Enter a group name").max(80, "The name is longer than 80 characters");

export const GroupView = z.object({
  id: z.string(),
  name: z.string(),
  source: GroupSource,
  members: z.array(z.object({ id: z.string(), name: z.string(), email: z.string() })),
  createdAt: z.string(),
});
export type GroupView = z.infer<typeof GroupView>;

export const GroupList = z.object({ groups: z.array(GroupView) });
export type GroupList = z.infer<typeof GroupList>;
export const GroupAnswer = z.object({ group: GroupView });
export type GroupAnswer = z.infer<typeof GroupAnswer>;
export const GroupInput = z.object({ name: GroupName });
export type GroupInput = z.infer<typeof GroupInput>;
export const GroupMemberInput = z.object({ userId: RecordId });
export type GroupMemberInput = z.infer<typeof GroupMemberInput>;

/** A pending invitation (its token is never shown again after it is made). */
export const InvitationView = z.object({
  id: z.string(),
  email: z.string(),
  role: Role,
  createdAt: z.string(),
  expiresAt: z.string(),
});
export type InvitationView = z.infer<typeof InvitationView>;

export const InvitationList = z.object({ invitations: z.array(InvitationView) });
export type InvitationList = z.infer<typeof InvitationList>;

export const InvitationInput = z.object({ email: Email, role: Role });
export type InvitationInput = z.infer<typeof InvitationInput>;

/** A new invitation: the link to hand over, shown once; whether Lathe's mail sent it too. */
export const InvitationCreated = z.object({
  invitation: InvitationView,
  link: z.string(),
  mail: z.discriminatedUnion("status", [
    z.object({ status: z.literal("sent") }),
    z.object({ status: z.literal("off") }),
    z.object({ status: z.literal("failed"), message: z.string() }),
  ]),
});
export type InvitationCreated = z.infer<typeof InvitationCreated>;

/** Accepting: the token of the link, and the new person's name and password. */
export const InvitationAccept = z.object({
  token: z.string().min(1, "The invitation link has no token").max(200),
  name: PersonName,
  password: NewPassword,
});
export type InvitationAccept = z.infer<typeof InvitationAccept>;

export const InvitationAccepted = z.object({ user: z.object({ id: z.string(), email: z.string(), name: z.string() }) });
export type InvitationAccepted = z.infer<typeof InvitationAccepted>;

/** Lathe's own mail: which SMTP resource sends invitations (none: links are only shown). */
export const MailSetting = z.object({
  resourceId: z.string().nullable(),
  /** The SMTP resources an admin may choose from. */
  choices: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type MailSetting = z.infer<typeof MailSetting>;

export const MailSettingInput = z.object({ resourceId: RecordId.nullable() });
export type MailSettingInput = z.infer<typeof MailSettingInput>;
