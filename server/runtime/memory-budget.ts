/**
 * `LATHE_MAX_MEMORY_MB`: the memory the server's sandbox pools may grow to, together (default
 * 2048). Read here and only here; each pool takes its share below. Anything but a whole number
 * of megabytes from 256 to 1048576 throws, so a typo stops the start instead of starving or
 * overcommitting the machine.
 */

export const DEFAULT_MAX_MEMORY_MB = 2048;
const MIB = 1024 * 1024;

export function maxMemoryBytes(env: Record<string, string | undefined> = process.env): number {
  const raw = env.LATHE_MAX_MEMORY_MB?.trim();
  if (raw === undefined || raw === "") return DEFAULT_MAX_MEMORY_MB * MIB;
  const mb = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(mb) || mb < 256 || mb > 1_048_576) {
    throw new Error(`LATHE_MAX_MEMORY_MB must be a whole number of megabytes from 256 to 1048576 (it is "${raw}")`);
  }
  return mb * MIB;
}

/**
 * The Python processes' share: half of the budget (~190 MB each: 5 processes at the default).
 * The server itself and the JavaScript workers live in the other half.
 */
export function pythonMemoryBytes(env: Record<string, string | undefined> = process.env): number {
  return Math.floor(maxMemoryBytes(env) / 2);
}
