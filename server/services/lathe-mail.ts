import type { MailSetting } from "@/engine/contract/admin";
import { redact, secretsOf } from "../resources/redact";
import { createSmtpTransport, executeSmtp } from "../resources/smtp";
import { recordAudit } from "../storage/audit";
import { loadResource, type ResourceDeps } from "../storage/resources";
import { auditBy, type Actor } from "./actor";
import { ServiceError } from "./errors";
import { defaultWorkspaceId } from "./workspaces";

/**
 * Lathe's own mail: an admin marks one SMTP resource as the sender of what Lathe itself mails
 * (invitations). Without one, nothing is mailed and links are only shown to the admin.
 */
export const MAIL_RESOURCE_KEY = "mailResourceId";

type Deps = Pick<ResourceDeps, "db" | "key">;

export async function mailSetting(db: Deps["db"]): Promise<MailSetting> {
  const workspaceId = await defaultWorkspaceId(db);
  const [row, choices] = await Promise.all([
    db.setting.findUnique({ where: { key: MAIL_RESOURCE_KEY } }),
    db.resource.findMany({ where: { workspaceId, kind: "smtp" }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  // A resource deleted since it was chosen is no sender.
  const resourceId = row && choices.some((c) => c.id === row.value) ? row.value : null;
  return { resourceId, choices };
}

export async function setMailResource(db: Deps["db"], actor: Actor, resourceId: string | null): Promise<MailSetting> {
  if (resourceId === null) {
    await db.setting.deleteMany({ where: { key: MAIL_RESOURCE_KEY } });
  } else {
    const resource = await db.resource.findUnique({ where: { id: resourceId }, select: { kind: true } });
    if (!resource) throw new ServiceError("NOT_FOUND", "No such resource", { field: "resourceId" });
    if (resource.kind !== "smtp") throw new ServiceError("VALIDATION", "Lathe's mail must be an SMTP resource", { field: "resourceId" });
    await db.setting.upsert({ where: { key: MAIL_RESOURCE_KEY }, create: { key: MAIL_RESOURCE_KEY, value: resourceId }, update: { value: resourceId } });
  }
  await recordAudit(db, { ...auditBy(actor), action: "setting.mail", targetType: "resource", targetId: resourceId, detail: { resourceId } });
  return mailSetting(db);
}

export interface LatheMessage {
  to: string;
  subject: string;
  text: string;
}

export type MailOutcome = { status: "sent" } | { status: "off" } | { status: "failed"; message: string };

/** Sends one message through Lathe's mail resource, if one is set; a failure is told, not thrown. */
export async function sendLatheMail(deps: Deps, message: LatheMessage): Promise<MailOutcome> {
  const { resourceId } = await mailSetting(deps.db);
  if (!resourceId) return { status: "off" };
  try {
    const resource = await loadResource(deps, resourceId);
    if (resource?.settings.kind !== "smtp") return { status: "off" };
    const settings = resource.settings;
    const transport = createSmtpTransport(settings);
    try {
      await executeSmtp(transport, settings, { kind: "smtp", resourceId, to: message.to, cc: "", bcc: "", subject: message.subject, text: message.text, html: "" }, "Lathe mail");
    } catch (err) {
      // The server's refusal may quote the AUTH line: mask as the resource port does.
      return { status: "failed", message: redact(err instanceof Error ? err.message : String(err), secretsOf(settings)) };
    } finally {
      transport.close();
    }
    return { status: "sent" };
  } catch (err) {
    return { status: "failed", message: err instanceof Error ? err.message : String(err) };
  }
}
