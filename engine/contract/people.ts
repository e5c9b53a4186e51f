import { z } from "zod";

/** The roles of Lathe: admin (everything), editor (builds apps), user (uses apps shared with them). */
export const Role = z.enum(["admin", "editor", "user"]);
export type Role = z.infer<typeof Role>;

export const Email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email("Enter an email address"));

export const PersonName = z.string().trim().min(1, "Enter a name").max(120, "The name is longer than 120 characters");

/**
 * The password rule: at least 12 characters, and either three kinds of character (lower case,
 * upper case, digits, others) or a passphrase of 20 characters or more.
 */
export const PASSWORD_RULE = "At least 12 characters, mixing three of: lower case, upper case, digits, symbols (or 20 characters of any kind)";

export function passwordProblem(password: string): string | null {
  if (password.length < 12) return "The password is shorter than 12 characters";
  if (password.length > 256) return "The password is longer than 256 characters";
  if (password.length >= 20) return null;
  const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  return kinds >= 3 ? null : "Mix three of: lower case, upper case, digits, symbols (or use 20 characters or more)";
}

export const NewPassword = z.string().superRefine((value, ctx) => {
  const problem = passwordProblem(value);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

/** `POST /api/setup`: the first admin of an installation. */
export const SetupBody = z.object({ name: PersonName, email: Email, password: NewPassword });
export type SetupBody = z.infer<typeof SetupBody>;

export const SetupAnswer = z.object({ user: z.object({ id: z.string(), email: z.string(), name: z.string() }) });
export type SetupAnswer = z.infer<typeof SetupAnswer>;

