"use client";

import { useSyncExternalStore } from "react";

const never = () => () => {};

/**
 * An instant in the reader's own time zone. The server does not know it: it renders the UTC
 * form, and the browser replaces it on hydration (the server snapshot keeps the two in step).
 */
export function LocalTime({ iso }: { iso: string }) {
  const text = useSyncExternalStore(
    never,
    () => new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "medium" }),
    () => `${iso.slice(0, 19).replace("T", " ")} UTC`,
  );
  return (
    <time dateTime={iso} title={iso}>
      {text}
    </time>
  );
}
