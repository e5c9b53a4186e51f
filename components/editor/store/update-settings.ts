import { Limits, RunBehavior, type FunctionDefinition } from "@/engine/model";
import { z } from "zod";
import { refuse, type EditResult } from "./edit-result";

const Settings = z.object({
  runBehavior: RunBehavior,
  runOnPageLoad: z.boolean(),
  timeoutMs: z.number().int().min(100).max(600_000),
  limits: Limits,
});

/** The function-wide settings a definition carries besides its params and graph. */
export interface SettingsPatch {
  runBehavior?: RunBehavior;
  runOnPageLoad?: boolean;
  timeoutMs?: number;
  limits?: Partial<Limits>;
}

/** Changes run behaviour, timeout or limits, validated by the same rules as the schema. */
export function updateSettings(def: FunctionDefinition, patch: SettingsPatch): EditResult {
  const parsed = Settings.safeParse({
    runBehavior: patch.runBehavior ?? def.runBehavior,
    runOnPageLoad: patch.runOnPageLoad ?? def.runOnPageLoad,
    timeoutMs: patch.timeoutMs ?? def.timeoutMs,
    limits: { ...def.limits, ...patch.limits },
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return refuse(def, `${issue?.path.join(".")}: ${issue?.message ?? "invalid"}`);
  }
  return { ok: true, def: { ...def, ...parsed.data } };
}
