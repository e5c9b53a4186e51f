/**
 * `LATHE_PY_MEMORY_MB`: the memory the Python processes may take together, their RSS (default
 * 1024: about 5 processes of ~190 MB). The JavaScript workers have their own budget,
 * `LATHE_JS_MEMORY_MB` (engine.ts). Anything but a whole number of megabytes from 256 to 1048576
 * throws, so a typo stops the start instead of starving or overcommitting the machine.
 */

export const DEFAULT_PY_MEMORY_MB = 1024;
const MIB = 1024 * 1024;

export function pythonMemoryBytes(env: Record<string, string | undefined> = process.env): number {
  const raw = env.LATHE_PY_MEMORY_MB?.trim();
  if (raw === undefined || raw === "") return DEFAULT_PY_MEMORY_MB * MIB;
  const mb = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(mb) || mb < 256 || mb > 1_048_576) {
    throw new Error(`LATHE_PY_MEMORY_MB must be a whole number of megabytes from 256 to 1048576 (it is "${raw}")`);
  }
  return mb * MIB;
}
