/** "just now", "5 min ago", "3 h ago", "2 days ago", else the date. `now` is passed in so server and client agree. */
export function relativeTime(iso: string, now: number): string {
  const then = Date.parse(iso);
  const s = Math.max(0, Math.round((now - then) / 1000));
  if (s < 45) return "just now";
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.round(m / 60);
  if (h < 24) return `${h} h ago`;
  const d = Math.round(h / 24);
  if (d < 14) return `${d} day${d === 1 ? "" : "s"} ago`;
  return new Date(then).toISOString().slice(0, 10);
}
