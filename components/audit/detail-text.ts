/** An entry's detail on one line: `name=getOrders version=3 changed=config.url,secrets.password`. */
export function detailText(detail: Record<string, unknown>, max = 160): string {
  const parts = Object.entries(detail).map(([k, v]) => `${k}=${valueText(v)}`);
  const text = parts.join(" ");
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function valueText(v: unknown): string {
  if (v === null || v === undefined) return "–";
  if (Array.isArray(v)) return v.map(valueText).join(",");
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}
