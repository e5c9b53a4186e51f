import { z } from "zod";

/**
 * Where a page's call of `POST /api/fn` came from, sent beside the body as two headers and
 * recorded on the run: the page's id, and the component event that triggered it
 * (`button1.click`), or `page.load` / `page.automatic` for the page's own runs. They are what
 * the browser says, for the Logs tab, not a permission: a value that does not fit is dropped.
 */
export const PAGE_HEADER = "X-Lathe-Page";
export const TRIGGER_HEADER = "X-Lathe-Trigger";

export const CallPageId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
export const CallTrigger = z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/);

export interface CallOrigin {
  pageId?: string | null;
  trigger?: string | null;
}

/** The headers of an origin; parts that do not fit are left out. */
export function callOriginHeaders(origin: CallOrigin): Record<string, string> {
  const headers: Record<string, string> = {};
  const pageId = CallPageId.safeParse(origin.pageId);
  if (pageId.success) headers[PAGE_HEADER] = pageId.data;
  const trigger = CallTrigger.safeParse(origin.trigger);
  if (trigger.success) headers[TRIGGER_HEADER] = trigger.data;
  return headers;
}

/** The origin a server reads from the two headers: null for what is missing or does not fit. */
export function readCallOrigin(pageId: string | null | undefined, trigger: string | null | undefined): { pageId: string | null; trigger: string | null } {
  const p = CallPageId.safeParse(pageId);
  const t = CallTrigger.safeParse(trigger);
  return { pageId: p.success ? p.data : null, trigger: t.success ? t.data : null };
}
