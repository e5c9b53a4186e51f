import { MailSetting, MailSettingInput } from "@/engine/contract/admin";
import { getDb } from "@/server/db/client";
import { actorOf } from "@/server/http/actor";
import { route } from "@/server/http/route";
import { mailSetting, setMailResource } from "@/server/services/lathe-mail";

export const dynamic = "force-dynamic";

/** Which SMTP resource sends Lathe's own mail (invitations), and the ones to choose from. */
export const GET = route({ response: MailSetting, access: "admin" }, async () => mailSetting(getDb()));

export const PUT = route({ body: MailSettingInput, response: MailSetting, access: "admin" }, async ({ caller, req, body }) =>
  setMailResource(getDb(), actorOf(caller, req), body.resourceId),
);
