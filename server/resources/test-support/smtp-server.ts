import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

/** A real SMTP server on 127.0.0.1 that keeps what it receives. */

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  user?: string;
}

export interface TestSmtp {
  port: number;
  messages: ReceivedMail[];
  /** Every AUTH attempt as it arrived, accepted or not. */
  auths: { user: string; pass: string }[];
  close(): Promise<void>;
}

/**
 * `quoteAuth`: a careless server whose refusal quotes the AUTH exchange it received, as the
 * client sent it (`AUTH PLAIN <base64 of \0user\0pass>`, or the two base64 lines of AUTH LOGIN).
 * `authMethods` limits what it offers (nodemailer picks PLAIN when it may).
 */
export async function startSmtp(opts: { auth?: { user: string; pass: string }; quoteAuth?: boolean; authMethods?: string[] } = {}): Promise<TestSmtp> {
  const messages: ReceivedMail[] = [];
  const auths: { user: string; pass: string }[] = [];
  const auth = opts.auth;
  const server = new SMTPServer({
    secure: false,
    logger: false,
    // No TLS in these tests: security "none" never upgrades.
    disabledCommands: auth ? ["STARTTLS"] : ["STARTTLS", "AUTH"],
    authOptional: !auth,
    allowInsecureAuth: true,
    authMethods: opts.authMethods,
    onAuth(a, _session, cb) {
      auths.push({ user: a.username ?? "", pass: a.password ?? "" });
      if (auth && a.username === auth.user && a.password === auth.pass) return cb(null, { user: a.username });
      if (!opts.quoteAuth) return cb(new Error("Invalid username or password"));
      const b64 = (s: string) => Buffer.from(s).toString("base64");
      const line = a.method === "PLAIN" ? `AUTH PLAIN ${b64(`\0${a.username ?? ""}\0${a.password ?? ""}`)}` : `AUTH ${a.method} ${b64(a.username ?? "")} ${b64(a.password ?? "")}`;
      cb(new Error(`Authentication failed for "${line}"`));
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
        const user = typeof session.user === "string" ? session.user : undefined;
        messages.push({ from, to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString("utf8"), user });
        cb(null);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.server.address() as AddressInfo; // listening on TCP: address() is an AddressInfo
  return { port, messages, auths, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
