import { EngineError } from "@/engine/errors";
import type { QueryConfig } from "@/engine/model";
import type { QueryContext, QueryResult, ResourcePort } from "@/engine/ports";
import { QUERY_KIND_OF, type LoadedResource, type ResourceKind } from "@/engine/resources";
import type { ResourceClients } from "./clients";
import { withResourceDeadline } from "./deadline";
import { cleanError, resourceFailed } from "./errors";
import { secretMask, secretsOf, type SecretMask } from "./redact";
import { executeRest } from "./rest";
import { executeSmtp } from "./smtp";
import { executeSql } from "./sql";

/** Where the port finds a resource's settings, secrets decrypted (server side only). */
export interface ResourceLookup {
  get(resourceId: string): Promise<LoadedResource | null>;
}

const RESOURCE_LABEL: Record<ResourceKind, string> = { rest: "a REST API", postgres: "a PostgreSQL database", sqlite: "a SQLite database", smtp: "an SMTP server" };
const QUERY_LABEL: Record<QueryConfig["kind"], string> = { rest: "a REST", sql: "a SQL", smtp: "an e-mail" };

/** The resource's own time limit for one query. */
function timeoutOf(resource: LoadedResource): number {
  const s = resource.settings;
  return s.kind === "postgres" || s.kind === "sqlite" ? s.config.statementTimeoutMs : s.config.timeoutMs;
}

async function dispatch(resource: LoadedResource, config: QueryConfig, ctx: QueryContext, clients: ResourceClients, mask: SecretMask): Promise<QueryResult> {
  const s = resource.settings;
  const block = ctx.block;
  if (QUERY_KIND_OF[s.kind] !== config.kind) {
    throw resourceFailed(block, `"${block}" is ${QUERY_LABEL[config.kind]} query, but the resource "${resource.name}" is ${RESOURCE_LABEL[s.kind]}: pick a resource of the right kind`);
  }
  const limitName = config.kind === "sql" ? "the resource's statement timeout" : "the resource's timeout";
  return withResourceDeadline(ctx.signal, timeoutOf(resource), block, limitName, async (signal, deadline) => {
    if (s.kind === "rest" && config.kind === "rest") return executeRest(s, config, { block, signal, mask });
    if (s.kind === "smtp" && config.kind === "smtp") return executeSmtp(clients.smtp(resource.id, s), s, config, block);
    if ((s.kind === "postgres" || s.kind === "sqlite") && config.kind === "sql") {
      return executeSql(s, config, { resourceId: resource.id, block, signal, deadline, evaluate: ctx.evaluate }, clients);
    }
    throw new EngineError("INTERNAL", `No executor for ${s.kind} / ${config.kind}`, { block });
  });
}

/**
 * The engine's ResourcePort over real resources: loads the resource, checks the query kind
 * fits it, runs the kind's executor under the resource's timeout and the engine's signal, and
 * masks every secret of the resource in whatever comes back, data, metadata and errors alike
 * (REST error bodies are masked before they are cut: rest.ts).
 */
export function createResourcePort(lookup: ResourceLookup, clients: ResourceClients): ResourcePort {
  return {
    async execute(resourceId, config, ctx) {
      let resource: LoadedResource | null;
      try {
        resource = await lookup.get(resourceId);
      } catch (err) {
        throw new EngineError("RESOURCE_FAILED", `The resource "${resourceId}" could not be loaded`, { block: ctx.block, detail: err instanceof Error ? err.message : String(err) });
      }
      if (!resource) {
        throw new EngineError("RESOURCE_FAILED", `Resource "${resourceId}" not found: it may have been deleted; pick another resource for "${ctx.block}"`, { block: ctx.block });
      }
      const secrets = secretsOf(resource.settings);
      const mask = secretMask(secrets);
      try {
        const result = await dispatch(resource, config, ctx, clients, mask);
        const out: QueryResult = { data: mask.value(result.data) };
        if (result.metadata) out.metadata = mask.record(result.metadata);
        return out;
      } catch (err) {
        throw cleanError(err, ctx.block, secrets);
      }
    },
  };
}
