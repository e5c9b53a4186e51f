/**
 * The audit filter's dates are days in the reader's own time zone; the URL and the API carry
 * instants. `from` is the start of its day, `to` the start of the day after (the API's `to` is
 * exclusive), so a day picked in the form is the whole of that day where the reader is.
 */

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function localMidnight(day: string, plusDays = 0): Date | null {
  const m = DAY.exec(day);
  if (!m) return null;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + plusDays);
  return Number.isNaN(d.getTime()) ? null : d;
}

function dayOf(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** A form's `from` day → the instant it starts; "" stays "". */
export function fromDayToInstant(day: string): string {
  return localMidnight(day)?.toISOString() ?? "";
}

/** A form's `to` day → the instant the next day starts (exclusive bound); "" stays "". */
export function toDayToInstant(day: string): string {
  return localMidnight(day, 1)?.toISOString() ?? "";
}

/** The day a `from` in the URL names, for the form; a date-only value is kept as it is. */
export function instantToFromDay(value: string | undefined): string {
  if (!value) return "";
  if (DAY.test(value)) return value;
  const t = Date.parse(value);
  return Number.isNaN(t) ? "" : dayOf(new Date(t));
}

/** The last day a `to` in the URL includes (the day before the exclusive bound). */
export function instantToToDay(value: string | undefined): string {
  if (!value) return "";
  if (DAY.test(value)) return value;
  const t = Date.parse(value);
  if (Number.isNaN(t)) return "";
  const d = new Date(t);
  return dayOf(new Date(d.getFullYear(), d.getMonth(), d.getDate() - 1));
}
