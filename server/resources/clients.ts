import { createHash } from "node:crypto";
import type Database from "better-sqlite3";
import type { Transporter } from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import pg from "pg";
import type { ResourceSettings, ResourceSettingsOf } from "@/engine/resources";
import { poolConfig, resolveSsl } from "./postgres-config";
import { createSmtpTransport } from "./smtp";
import { openSqlite } from "./sqlite";

type SmtpTransport = Transporter<SMTPTransport.SentMessageInfo>;

type Entry =
  | { kind: "postgres"; hash: string; pool: Promise<pg.Pool> }
  | { kind: "sqlite"; hash: string; db: Database }
  | { kind: "smtp"; hash: string; transport: SmtpTransport };

function hashOf(settings: ResourceSettings): string {
  return createHash("sha256").update(JSON.stringify(settings)).digest("hex");
}

async function closeEntry(e: Entry): Promise<void> {
  if (e.kind === "postgres") {
    // Waits for checked-out connections to come back; a pool that never opened has nothing to end.
    const pool = await e.pool.catch(() => null);
    if (pool && !pool.ended) await pool.end().catch(() => {});
  } else if (e.kind === "sqlite") {
    if (e.db.open) e.db.close();
  } else e.transport.close();
}

/**
 * The long-lived clients of resources, one set per process: a pg.Pool per PostgreSQL resource,
 * a better-sqlite3 handle per SQLite resource, a nodemailer transport per SMTP resource. Each is
 * keyed by resource id and a hash of its settings, so an edited resource gets new clients on
 * its next query even if nobody called `invalidate`; the old ones are closed in the background.
 */
export class ResourceClients {
  private readonly entries = new Map<string, Entry>();

  /** The current entry for these settings, after closing one made from older settings. */
  private current(resourceId: string, hash: string): Entry | undefined {
    const e = this.entries.get(resourceId);
    if (e?.hash === hash) return e;
    if (e) {
      this.entries.delete(resourceId);
      void closeEntry(e);
    }
    return undefined;
  }

  postgres(resourceId: string, settings: ResourceSettingsOf<"postgres">): Promise<pg.Pool> {
    const hash = hashOf(settings);
    const e = this.current(resourceId, hash);
    if (e?.kind === "postgres") return e.pool;
    const pool = resolveSsl(settings).then((ssl) => {
      const p = new pg.Pool(poolConfig(settings, ssl));
      // An idle connection the server dropped: the pool discards it and the next checkout opens
      // a new one. Without a listener, the error event would end the process.
      p.on("error", () => {});
      return p;
    });
    this.entries.set(resourceId, { kind: "postgres", hash, pool });
    // A pool that could not be set up (server down during the TLS probe) is not kept.
    pool.catch(() => {
      const now = this.entries.get(resourceId);
      if (now?.kind === "postgres" && now.pool === pool) this.entries.delete(resourceId);
    });
    return pool;
  }

  sqlite(resourceId: string, settings: ResourceSettingsOf<"sqlite">): Database {
    const hash = hashOf(settings);
    const e = this.current(resourceId, hash);
    if (e?.kind === "sqlite" && e.db.open) return e.db;
    const db = openSqlite(settings.config);
    this.entries.set(resourceId, { kind: "sqlite", hash, db });
    return db;
  }

  smtp(resourceId: string, settings: ResourceSettingsOf<"smtp">): SmtpTransport {
    const hash = hashOf(settings);
    const e = this.current(resourceId, hash);
    if (e?.kind === "smtp") return e.transport;
    const transport = createSmtpTransport(settings);
    this.entries.set(resourceId, { kind: "smtp", hash, transport });
    return transport;
  }

  /** Closes the clients of a resource that changed or was deleted. */
  async invalidate(resourceId: string): Promise<void> {
    const e = this.entries.get(resourceId);
    if (!e) return;
    this.entries.delete(resourceId);
    await closeEntry(e);
  }

  async closeAll(): Promise<void> {
    const all = [...this.entries.values()];
    this.entries.clear();
    await Promise.all(all.map(closeEntry));
  }
}
