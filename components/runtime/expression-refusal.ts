/**
 * Names no expression may use, as a variable, a property or a key: each leads from plain data
 * to a constructor, a prototype or the calling function, and from there to the browser.
 */
export const FORBIDDEN_NAMES: ReadonlySet<string> = new Set([
  "constructor", "__proto__", "prototype", "__defineGetter__", "__defineSetter__", "__lookupGetter__",
  "__lookupSetter__", "caller", "callee", "arguments",
]);

/** An expression written with something expressions do not allow; its message is for the inspector. */
export class ExpressionRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ExpressionRefusal";
  }
}

export function forbiddenName(name: string): ExpressionRefusal {
  return new ExpressionRefusal(`\`${name}\` is not allowed in expressions`);
}
