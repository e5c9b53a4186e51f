export { createResourcePort, type ResourceLookup } from "./port";
export { ResourceClients } from "./clients";
export { testConnection, type ConnectionTest } from "./test-connection";
export { redact, redactValue, secretsOf, REDACTED } from "./redact";
