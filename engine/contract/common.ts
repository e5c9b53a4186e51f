import { z } from "zod";

/** The answer of a route that sends no body (204): `api(NoContent, url, { method: "DELETE" })`. */
export const NoContent = z.undefined();
export type NoContent = z.infer<typeof NoContent>;

/** A path segment naming a record (`/api/apps/<appId>`). */
export const RecordId = z.string().min(1, "The id is empty");

/** Routes with no path parameters. */
export const NoParams = z.object({});

/**
 * An array read leniently: items that do not fit `item` are dropped, not fatal. For stored
 * documents (runs written by older versions, lists a newer server may extend).
 */
export function leniently<T extends z.ZodType>(item: T) {
  return z
    .array(z.unknown())
    .catch([])
    .transform((items) => items.flatMap((i): z.output<T>[] => {
      const parsed = item.safeParse(i);
      return parsed.success ? [parsed.data] : [];
    }));
}
