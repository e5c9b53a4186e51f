import { z } from "zod";

/**
 * Names that blocks, parameters and functions may not take: JavaScript and Python keywords,
 * and the names the sandboxes put in scope. A name must be usable as a bare identifier in
 * both languages, so `$` is not allowed.
 */
export const RESERVED_NAMES: ReadonlySet<string> = new Set([
  // JavaScript
  "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete",
  "do", "else", "enum", "export", "extends", "false", "finally", "for", "function", "if",
  "import", "in", "instanceof", "new", "null", "return", "super", "switch", "this", "throw",
  "true", "try", "typeof", "var", "void", "while", "with", "yield", "let", "static",
  "implements", "interface", "package", "private", "protected", "public", "await", "async",
  "undefined", "NaN", "Infinity", "arguments", "eval",
  // Python
  "None", "True", "False", "and", "as", "assert", "def", "del", "elif", "except", "from",
  "global", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "print",
  // Names the runtime provides in every scope
  "item", "index", "error", "console", "ServerError", "_", "dayjs", "JSON", "Math", "Date",
  "Object", "Array", "String", "Number", "Boolean", "Promise", "globalThis", "window",
  "self", "process", "require", "module", "exports", "params", "input", "result", "currentUser",
]);

/**
 * Names every JavaScript object already has (`Object.prototype`'s own, and `prototype`): a
 * parameter, block, component or function by such a name would be looked up on objects that
 * already answer to it (`scope.constructor`), and broke every call.
 */
export const OBJECT_PROPERTY_NAMES: ReadonlySet<string> = new Set([
  "__proto__", "constructor", "prototype", "toString", "valueOf", "hasOwnProperty", "isPrototypeOf",
  "propertyIsEnumerable", "toLocaleString", "__defineGetter__", "__defineSetter__", "__lookupGetter__",
  "__lookupSetter__",
]);

export const IDENTIFIER_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A name used as a bare identifier in JavaScript, Python and `{{ }}` expressions. */
export const Identifier = z
  .string()
  .min(1, "Name is empty")
  .max(64, "Name is longer than 64 characters")
  .regex(IDENTIFIER_PATTERN, "Use letters, digits and _ only, not starting with a digit")
  .refine((s) => !RESERVED_NAMES.has(s), { message: "This name is reserved" })
  .refine((s) => !OBJECT_PROPERTY_NAMES.has(s), { message: "Every JavaScript object already has a property by this name; choose another" });
export type Identifier = z.infer<typeof Identifier>;
