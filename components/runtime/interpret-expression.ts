import type {
  ArrowFunctionExpression, CallExpression, Expression, MemberExpression, Node, ObjectExpression, ParenthesizedExpression, Pattern,
  PrivateIdentifier, SpreadElement, Statement, TemplateLiteral,
} from "acorn";
import { ExpressionRefusal, FORBIDDEN_NAMES, forbiddenName } from "./expression-refusal";
import {
  ARRAY_METHODS, BOOLEAN_METHODS, functionMember, isSafeFunction, MAX_BUILT_LENGTH, NUMBER_METHODS, REGEXP_METHODS, SAFE_GLOBALS,
  STRING_METHODS, UNAVAILABLE_GLOBALS, type Callable,
} from "./expression-globals";

/**
 * Evaluates a checked expression tree (parse-expression.ts) without the JavaScript engine's
 * own `eval`: every value it handles is plain data, a function the expression defined, or a
 * wrapper from expression-globals.ts. It reads only own data properties, calls only those
 * functions and the read-only methods listed per kind of value, and never reads a property
 * of a function: no route leads to a constructor, a prototype or a browser global.
 */

/** Names bound in one scope: the state's (root), an arrow function's parameters, a block's constants. */
interface Env {
  names: readonly string[];
  values: readonly unknown[];
  parent: Env | null;
  /** The expression's text, for messages. */
  source: string;
}

/** An arrow function's or a block's scope, filled as parameters and constants are bound. */
interface LocalEnv extends Env {
  names: string[];
  values: unknown[];
}

const local = (parent: Env): LocalEnv => ({ names: [], values: [], parent, source: parent.source });

/** Functions the expression defined. */
const closures = new WeakSet<object>();

/** An optional chain (`a?.b`) met null or undefined: the chain is undefined. */
const SHORT: unique symbol = Symbol("short-circuit");

/**
 * Steps one evaluation may take (every node evaluated, in the expression's own arrow functions
 * too): an expression has no loops, but callbacks over a long array, or recursion, could still
 * stall the tab of everyone who opens the page.
 */
export const MAX_STEPS = 1_000_000;
let steps = 0;

export function evaluateRoot(node: Expression, names: readonly string[], values: readonly unknown[], source: string): unknown {
  steps = 0;
  return evaluate(node, { names, values, parent: null, source });
}

function tooBig(what: string): ExpressionRefusal {
  return new ExpressionRefusal(`${what} would be longer than ${MAX_BUILT_LENGTH.toLocaleString("en")}: expressions build small values`);
}

/** Refuses a call of a string method that would build a string longer than MAX_BUILT_LENGTH. */
function checkBuiltSize(receiver: unknown, key: string, args: readonly unknown[]): void {
  if (typeof receiver !== "string") return;
  const n = Number(args[0]);
  if (key === "repeat" && receiver.length * n > MAX_BUILT_LENGTH) throw tooBig(`The result of repeat(${String(args[0])})`);
  if ((key === "padStart" || key === "padEnd") && n > MAX_BUILT_LENGTH) throw tooBig(`The result of ${key}(${String(args[0])})`);
}

function text(node: Node, env: Env): string {
  const s = env.source.slice(node.start, node.end);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

function lookup(name: string, env: Env): { found: boolean; value: unknown } {
  for (let e: Env | null = env; e; e = e.parent) {
    const i = e.names.indexOf(name);
    if (i >= 0) return { found: true, value: e.values[i] };
  }
  if (SAFE_GLOBALS.has(name)) return { found: true, value: SAFE_GLOBALS.get(name) };
  return { found: false, value: undefined };
}

function identifier(name: string, env: Env): unknown {
  const r = lookup(name, env);
  if (r.found) return r.value;
  if (name === "undefined") return undefined;
  if (name === "NaN") return NaN;
  if (name === "Infinity") return Infinity;
  if (UNAVAILABLE_GLOBALS.has(name)) return undefined;
  throw new ReferenceError(`${name} is not defined`);
}

/** The object of a member access or call: a browser global named here is an error, not undefined. */
function objectOf(node: Expression, env: Env): unknown {
  if (node.type === "Identifier" && UNAVAILABLE_GLOBALS.has(node.name) && !lookup(node.name, env).found) {
    throw new ExpressionRefusal(`\`${node.name}\` is not available in expressions`);
  }
  return evaluateInChain(node, env);
}

function isCallable(f: unknown): f is Callable {
  return typeof f === "function" && (closures.has(f) || isSafeFunction(f));
}

/** A property key: strings and numbers only, never a forbidden name. */
function keyOf(value: unknown): string {
  if (typeof value === "number") return String(value);
  if (typeof value !== "string") throw new ExpressionRefusal("Property names in expressions must be strings or numbers");
  if (FORBIDDEN_NAMES.has(value)) throw forbiddenName(value);
  return value;
}

function methodOf(value: unknown, key: string): ((this: unknown, ...args: unknown[]) => unknown) | undefined {
  if (typeof value === "string") return STRING_METHODS.get(key);
  if (typeof value === "number") return NUMBER_METHODS.get(key);
  if (typeof value === "boolean") return BOOLEAN_METHODS.get(key);
  if (Array.isArray(value)) return ARRAY_METHODS.get(key);
  if (value instanceof RegExp) return REGEXP_METHODS.get(key);
  return undefined;
}

/** The own data property `key` of `value`; methods only through a call. */
export function readProperty(value: unknown, key: string): unknown {
  if (value === null || value === undefined) throw new TypeError(`Cannot read properties of ${String(value)} (reading '${key}')`);
  if (typeof value === "function") {
    const member = functionMember(value, key);
    if (member.found) return member.value;
    throw new ExpressionRefusal(`Properties of functions cannot be read in expressions (reading '${key}')`);
  }
  if (typeof value === "string") {
    if (key === "length") return value.length;
    if (/^\d+$/.test(key)) return value[Number(key)];
  }
  if (typeof value === "object") {
    const d = Object.getOwnPropertyDescriptor(value, key);
    if (d) {
      if ("value" in d) return d.value;
      throw new ExpressionRefusal(`Getters are not allowed in expressions (reading '${key}')`);
    }
  }
  if (methodOf(value, key)) throw new ExpressionRefusal(`Methods can only be called in expressions: write ${key}(…)`);
  return undefined;
}

/** Sets an own data property, `__proto__` included (as data, never the prototype). */
function defineOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

function memberKey(node: MemberExpression, env: Env): string {
  if (!node.computed) {
    if (node.property.type !== "Identifier") throw new ExpressionRefusal("Private names are not allowed in expressions");
    if (FORBIDDEN_NAMES.has(node.property.name)) throw forbiddenName(node.property.name);
    return node.property.name;
  }
  if (node.property.type === "PrivateIdentifier") throw new ExpressionRefusal("Private names are not allowed in expressions");
  return keyOf(evaluate(node.property, env));
}

/** Items of an array or characters of a string: what spread and array patterns accept. */
function itemsOf(value: unknown, node: Node, env: Env): readonly unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value === "string") return [...value];
  throw new TypeError(`${text(node, env)} is not iterable`);
}

function argumentsOf(args: ReadonlyArray<Expression | SpreadElement>, env: Env): unknown[] {
  const out: unknown[] = [];
  for (const a of args) {
    if (a.type === "SpreadElement") out.push(...itemsOf(evaluate(a.argument, env), a.argument, env));
    else out.push(evaluate(a, env));
  }
  for (const v of out) if (typeof v === "function" && !isCallable(v)) throw new ExpressionRefusal("That function cannot be passed in an expression");
  return out;
}

/** `(a.b)` is `a.b`. */
function unwrap<T extends Node>(node: T): T | Expression {
  let n: T | Expression = node;
  while (n.type === "ParenthesizedExpression") n = (n as ParenthesizedExpression).expression; // `as`: narrowed by its type
  return n;
}

function call(node: CallExpression, env: Env): unknown {
  const callee = node.callee.type === "Super" ? node.callee : unwrap(node.callee);
  if (callee.type === "Super") throw new ExpressionRefusal("`super` is not allowed in expressions");
  if (callee.type === "MemberExpression") {
    if (callee.object.type === "Super") throw new ExpressionRefusal("`super` is not allowed in expressions");
    const receiver = objectOf(callee.object, env);
    if (receiver === SHORT) return SHORT;
    if (callee.optional && (receiver === null || receiver === undefined)) return SHORT;
    const key = memberKey(callee, env);
    const method = methodOf(receiver, key);
    if (method) {
      const args = argumentsOf(node.arguments, env);
      checkBuiltSize(receiver, key, args);
      return Reflect.apply(method, receiver, args);
    }
    if (Array.isArray(receiver) && typeof Reflect.get(Array.prototype, key) === "function") {
      throw new ExpressionRefusal(`The array method ${key} is not allowed in expressions`);
    }
    if (typeof receiver === "string" && typeof Reflect.get(String.prototype, key) === "function") {
      throw new ExpressionRefusal(`The string method ${key} is not allowed in expressions`);
    }
    const fn = readProperty(receiver, key);
    if (node.optional && (fn === null || fn === undefined)) return SHORT;
    if (!isCallable(fn)) throw new TypeError(`${text(callee, env)} is not a function`);
    return fn(...argumentsOf(node.arguments, env));
  }
  const fn = objectOf(callee, env);
  if (fn === SHORT) return SHORT;
  if (node.optional && (fn === null || fn === undefined)) return SHORT;
  if (!isCallable(fn)) throw new TypeError(`${text(callee, env)} is not a function`);
  return fn(...argumentsOf(node.arguments, env));
}

function member(node: MemberExpression, env: Env): unknown {
  if (node.object.type === "Super") throw new ExpressionRefusal("`super` is not allowed in expressions");
  const object = objectOf(node.object, env);
  if (object === SHORT) return SHORT;
  if (node.optional && (object === null || object === undefined)) return SHORT;
  return readProperty(object, memberKey(node, env));
}

/** Inside an optional chain, SHORT passes up to the ChainExpression, which makes it undefined. */
function evaluateInChain(node: Expression, env: Env): unknown {
  if (node.type === "MemberExpression") return member(node, env);
  if (node.type === "CallExpression") return call(node, env);
  return evaluate(node, env);
}

/** The key of a property of an object literal or pattern: computed, a name or a literal; checked by keyOf. */
function propertyKey(p: { computed: boolean; key: Expression | PrivateIdentifier }, env: Env): string {
  if (p.computed && p.key.type !== "PrivateIdentifier") return keyOf(evaluate(p.key, env));
  if (p.key.type === "Identifier") return keyOf(p.key.name);
  if (p.key.type === "Literal") return keyOf(typeof p.key.value === "number" ? p.key.value : String(p.key.value));
  throw new ExpressionRefusal("Unsupported property key");
}

function objectLiteral(node: ObjectExpression, env: Env): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of node.properties) {
    if (p.type === "SpreadElement") {
      const source = evaluate(p.argument, env);
      if (source === null || source === undefined) continue;
      if (typeof source === "string" || typeof source === "object") {
        for (const k of Object.keys(source)) defineOwn(out, k, readProperty(source, k));
      }
      continue;
    }
    defineOwn(out, propertyKey(p, env), evaluate(p.value, env));
  }
  return out;
}

function template(node: TemplateLiteral, env: Env): string {
  let out = node.quasis[0]?.value.cooked ?? "";
  for (let i = 0; i < node.expressions.length; i++) {
    out += String(evaluate(node.expressions[i], env));
    out += node.quasis[i + 1]?.value.cooked ?? "";
  }
  return out;
}

function binary(operator: string, a: unknown, b: unknown): unknown {
  // The operands are data or the expression's own functions: coercion runs nothing else.
  /* eslint-disable @typescript-eslint/no-explicit-any, eqeqeq -- JavaScript's operators on any operands, as the expression wrote them */
  const l = a as any;
  const r = b as any;
  switch (operator) {
    case "+": return l + r;
    case "-": return l - r;
    case "*": return l * r;
    case "/": return l / r;
    case "%": return l % r;
    case "**": return l ** r;
    case "==": return l == r;
    case "!=": return l != r;
    case "===": return l === r;
    case "!==": return l !== r;
    case "<": return l < r;
    case "<=": return l <= r;
    case ">": return l > r;
    case ">=": return l >= r;
    case "<<": return l << r;
    case ">>": return l >> r;
    case ">>>": return l >>> r;
    case "&": return l & r;
    case "|": return l | r;
    case "^": return l ^ r;
    default: throw new ExpressionRefusal(`\`${operator}\` is not allowed in expressions`);
  }
  /* eslint-enable @typescript-eslint/no-explicit-any, eqeqeq */
}

function unary(operator: string, node: Expression, env: Env): unknown {
  if (operator === "typeof") {
    node = unwrap(node);
    if (node.type === "Identifier") {
      const r = lookup(node.name, env);
      if (!r.found) return node.name === "NaN" || node.name === "Infinity" ? "number" : "undefined";
      return typeof r.value;
    }
    return typeof evaluate(node, env);
  }
  const v = evaluate(node, env);
  switch (operator) {
    case "!": return !v;
    case "-": return -(v as number); // `as`: unary minus coerces like JavaScript does
    case "+": return +(v as number); // `as`: as above
    case "~": return ~(v as number); // `as`: as above
    case "void": return undefined;
    default: throw new ExpressionRefusal(`\`${operator}\` is not allowed in expressions`);
  }
}

/** Binds a parameter or a declaration's pattern in `env`. */
function bind(pattern: Pattern, value: unknown, env: LocalEnv): void {
  switch (pattern.type) {
    case "Identifier":
      if (FORBIDDEN_NAMES.has(pattern.name)) throw forbiddenName(pattern.name);
      env.names.push(pattern.name);
      env.values.push(value);
      return;
    case "AssignmentPattern":
      bind(pattern.left, value === undefined ? evaluate(pattern.right, env) : value, env);
      return;
    case "ArrayPattern": {
      const items = itemsOf(value, pattern, env);
      pattern.elements.forEach((el, i) => {
        if (!el) return;
        if (el.type === "RestElement") bind(el.argument, items.slice(i), env);
        else bind(el, items[i], env);
      });
      return;
    }
    case "ObjectPattern": {
      if (value === null || value === undefined) throw new TypeError(`Cannot destructure ${String(value)}`);
      const used: string[] = [];
      for (const p of pattern.properties) {
        if (p.type === "RestElement") {
          const rest: Record<string, unknown> = {};
          if (typeof value === "object") for (const k of Object.keys(value)) if (!used.includes(k)) defineOwn(rest, k, readProperty(value, k));
          bind(p.argument, rest, env);
          continue;
        }
        const key = propertyKey(p, env);
        used.push(key);
        bind(p.value, readProperty(value, key), env);
      }
      return;
    }
    default:
      throw new ExpressionRefusal(`${pattern.type} is not allowed in expressions`);
  }
}

type Completion = { returned: false } | { returned: true; value: unknown };

function run(statements: readonly Statement[], env: LocalEnv): Completion {
  for (const s of statements) {
    const c = statement(s, env);
    if (c.returned) return c;
  }
  return { returned: false };
}

function statement(s: Statement, env: LocalEnv): Completion {
  switch (s.type) {
    case "ExpressionStatement":
      evaluate(s.expression, env);
      return { returned: false };
    case "ReturnStatement":
      return { returned: true, value: s.argument ? evaluate(s.argument, env) : undefined };
    case "ThrowStatement":
      throw evaluate(s.argument, env);
    case "VariableDeclaration":
      for (const d of s.declarations) bind(d.id, d.init ? evaluate(d.init, env) : undefined, env);
      return { returned: false };
    case "IfStatement":
      if (evaluate(s.test, env)) return statement(s.consequent, local(env));
      return s.alternate ? statement(s.alternate, local(env)) : { returned: false };
    case "BlockStatement":
      return run(s.body, local(env));
    case "EmptyStatement":
      return { returned: false };
    default:
      throw new ExpressionRefusal(`${s.type} is not allowed in expressions`);
  }
}

function arrow(node: ArrowFunctionExpression, env: Env): Callable {
  const fn: Callable = (...args) => {
    const scope = local(env);
    node.params.forEach((p, i) => {
      if (p.type === "RestElement") bind(p.argument, args.slice(i), scope);
      else bind(p, args[i], scope);
    });
    if (node.body.type !== "BlockStatement") return evaluate(node.body, scope);
    const c = run(node.body.body, scope);
    return c.returned ? c.value : undefined;
  };
  closures.add(fn);
  return fn;
}

function evaluate(node: Expression, env: Env): unknown {
  if (++steps > MAX_STEPS) {
    throw new ExpressionRefusal(`The expression took more than ${MAX_STEPS.toLocaleString("en")} steps: it was stopped so the page stays responsive`);
  }
  switch (node.type) {
    case "Literal":
      if (node.regex) return new RegExp(node.regex.pattern, node.regex.flags);
      return node.value;
    case "Identifier":
      return identifier(node.name, env);
    case "ThisExpression":
      return undefined;
    case "ParenthesizedExpression":
      return evaluate(node.expression, env);
    case "TemplateLiteral":
      return template(node, env);
    case "ArrayExpression": {
      const out: unknown[] = [];
      for (const el of node.elements) {
        if (el === null) out.push(undefined);
        else if (el.type === "SpreadElement") out.push(...itemsOf(evaluate(el.argument, env), el.argument, env));
        else out.push(evaluate(el, env));
      }
      return out;
    }
    case "ObjectExpression":
      return objectLiteral(node, env);
    case "MemberExpression":
    case "CallExpression": {
      const v = evaluateInChain(node, env);
      if (v === SHORT) throw new ExpressionRefusal("Optional chain outside a chain"); // cannot happen: `?.` is always inside one
      return v;
    }
    case "ChainExpression": {
      const v = evaluateInChain(node.expression, env);
      return v === SHORT ? undefined : v;
    }
    case "UnaryExpression":
      return unary(node.operator, node.argument, env);
    case "BinaryExpression":
      if (node.left.type === "PrivateIdentifier") throw new ExpressionRefusal("Private names are not allowed in expressions");
      return binary(node.operator, evaluate(node.left, env), evaluate(node.right, env));
    case "LogicalExpression": {
      const l = evaluate(node.left, env);
      if (node.operator === "&&") return l ? evaluate(node.right, env) : l;
      if (node.operator === "||") return l ? l : evaluate(node.right, env);
      return l ?? evaluate(node.right, env);
    }
    case "ConditionalExpression":
      return evaluate(node.test, env) ? evaluate(node.consequent, env) : evaluate(node.alternate, env);
    case "SequenceExpression": {
      let v: unknown;
      for (const e of node.expressions) v = evaluate(e, env);
      return v;
    }
    case "ArrowFunctionExpression":
      return arrow(node, env);
    case "NewExpression": {
      const [message] = argumentsOf(node.arguments, env);
      return new Error(message === undefined ? undefined : String(message));
    }
    default:
      throw new ExpressionRefusal(`${node.type} is not allowed in expressions`);
  }
}
