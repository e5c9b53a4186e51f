import { z } from "zod";

/**
 * The one error body on the wire, for the editor API and `/api/fn` alike:
 * `{ error, status, code, fnId?, field?, data? }`. `/api/fn` always carries `fnId` (seed 002's
 * envelope, see call.ts); the editor API adds `field` when the error concerns one form field.
 * `data` is only sent for codes whose catalogue entry says `exposeData`.
 */
export const ErrorBody = z.object({
  error: z.string(),
  status: z.number().int(),
  code: z.string(),
  fnId: z.string().nullable().optional(),
  field: z.string().optional(),
  data: z.unknown().optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** What a client accepts as an error body: a proxy or an older server may omit status and code. */
export const ReceivedErrorBody = ErrorBody.partial({ status: true, code: true });
