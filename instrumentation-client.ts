import { z } from "zod";

// Runs in the browser before the app's own code (Next's client instrumentation). zod compiles
// object parsers with `new Function` after probing whether eval is allowed; under Lathe's
// Content-Security-Policy (no `unsafe-eval`, server/http/security-headers.ts) the probe is
// refused and the browser reports a policy violation on every page. Parsers without the
// compilation are as correct; the server keeps it (no policy applies there).
z.config({ jitless: true });
