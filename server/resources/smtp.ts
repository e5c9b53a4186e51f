import { createTransport, type Transporter } from "nodemailer";
import addressparser from "nodemailer/lib/addressparser";
import type Mail from "nodemailer/lib/mailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import type { QueryConfig } from "@/engine/model";
import type { QueryResult } from "@/engine/ports";
import type { ResourceSettingsOf } from "@/engine/resources";
import { causeMessage, errorCode, resourceFailed } from "./errors";

type SmtpQuery = Extract<QueryConfig, { kind: "smtp" }>;
type SmtpSettings = ResourceSettingsOf<"smtp">;

export const MAX_RECIPIENTS = 100;
/** local@domain, no spaces, no brackets: what is left after the display name is parsed away. */
const ADDRESS = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+$/;

export function smtpOptions(settings: SmtpSettings): SMTPTransport.Options {
  const { config, secrets } = settings;
  return {
    host: config.host,
    port: config.port,
    secure: config.security === "tls",
    requireTLS: config.security === "starttls",
    ignoreTLS: config.security === "none",
    auth: config.user ? { user: config.user, pass: secrets.password ?? "" } : undefined,
    connectionTimeout: config.timeoutMs,
    greetingTimeout: config.timeoutMs,
    socketTimeout: config.timeoutMs,
    // The message is built from templates: never let it name a file or URL for nodemailer to read.
    disableFileAccess: true,
    disableUrlAccess: true,
    logger: false,
  };
}

export function createSmtpTransport(settings: SmtpSettings): Transporter<SMTPTransport.SentMessageInfo> {
  return createTransport(smtpOptions(settings));
}

/** A comma-separated list (display names allowed: `"Doe, Jo" <jo@x.org>`), every address checked. */
export function parseAddresses(list: string, field: string): Mail.Address[] {
  if (list.trim() === "") return [];
  const out: Mail.Address[] = [];
  for (const a of addressparser(list, { flatten: true })) {
    const shown = a.address || a.name;
    if (!ADDRESS.test(a.address)) throw new Error(`"${shown}" in ${field} is not an e-mail address`);
    out.push({ name: a.name, address: a.address });
  }
  return out;
}

function addressText(a: string | Mail.Address): string {
  return typeof a === "string" ? a : (a.address ?? "");
}

/** Sends one message from the resource's sender. Data is its Message-ID. */
export async function executeSmtp(transport: Transporter<SMTPTransport.SentMessageInfo>, settings: SmtpSettings, query: SmtpQuery, block: string): Promise<QueryResult> {
  let to: Mail.Address[], cc: Mail.Address[], bcc: Mail.Address[];
  try {
    to = parseAddresses(query.to, "To");
    cc = parseAddresses(query.cc, "Cc");
    bcc = parseAddresses(query.bcc, "Bcc");
  } catch (err) {
    throw resourceFailed(block, causeMessage(err));
  }
  const count = to.length + cc.length + bcc.length;
  if (count === 0) throw resourceFailed(block, "Give at least one recipient in To, Cc or Bcc");
  if (count > MAX_RECIPIENTS) throw resourceFailed(block, `An e-mail may have at most ${MAX_RECIPIENTS} recipients (this one has ${count})`);
  // A line break in a header would let a template add headers of its own.
  const subject = query.subject.replace(/[\r\n]+/g, " ").trim();
  if (subject === "" && query.text.trim() === "" && query.html.trim() === "") {
    throw resourceFailed(block, "Give the e-mail a subject or a body");
  }
  let info: SMTPTransport.SentMessageInfo;
  try {
    info = await transport.sendMail({
      from: settings.config.from,
      to,
      cc: cc.length ? cc : undefined,
      bcc: bcc.length ? bcc : undefined,
      subject,
      text: query.text || undefined,
      html: query.html || undefined,
    });
  } catch (err) {
    const responseCode: unknown = err instanceof Error ? Reflect.get(err, "responseCode") : undefined;
    const data: Record<string, unknown> = {};
    const code = errorCode(err);
    if (code) data.code = code;
    if (typeof responseCode === "number") data.responseCode = responseCode;
    throw resourceFailed(block, `Sending the e-mail through ${settings.config.host}:${settings.config.port} failed: ${causeMessage(err)}`, { data });
  }
  return {
    data: info.messageId,
    metadata: { accepted: info.accepted.map(addressText), rejected: info.rejected.map(addressText), response: info.response },
  };
}
