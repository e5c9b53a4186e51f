import { parse, parseExpressionAt, type Expression, type Node } from "acorn";
import { ExpressionRefusal, FORBIDDEN_NAMES, forbiddenName } from "./expression-refusal";

/**
 * Node types an expression may contain: data, operators, member access, calls, arrow functions
 * (with a block body of `const`/`let`, `if`, `return` and `throw`), untagged templates, spread
 * and destructuring. Anything else is refused before it runs, with the message below.
 */
const ALLOWED: ReadonlySet<string> = new Set([
  "Identifier", "Literal", "ThisExpression", "ArrayExpression", "ObjectExpression", "Property", "SpreadElement",
  "UnaryExpression", "BinaryExpression", "LogicalExpression", "MemberExpression", "ConditionalExpression",
  "CallExpression", "NewExpression", "SequenceExpression", "ArrowFunctionExpression", "TemplateLiteral",
  "TemplateElement", "ChainExpression", "ParenthesizedExpression", "ObjectPattern", "ArrayPattern", "RestElement", "AssignmentPattern",
  "BlockStatement", "ExpressionStatement", "ReturnStatement", "IfStatement", "ThrowStatement",
  "VariableDeclaration", "VariableDeclarator", "EmptyStatement",
]);

const REFUSALS: Readonly<Record<string, string>> = {
  AssignmentExpression: "Assignment is not allowed in expressions: they read the state, never change it",
  UpdateExpression: "`++` and `--` are not allowed in expressions: they read the state, never change it",
  FunctionExpression: "`function` is not allowed in expressions: write an arrow function",
  TaggedTemplateExpression: "Tagged templates are not allowed in expressions",
  ImportExpression: "Expressions cannot import modules",
  MetaProperty: "Expressions cannot import modules",
  ClassExpression: "Classes are not allowed in expressions",
  AwaitExpression: "`await` is not allowed in expressions",
  YieldExpression: "`yield` is not allowed in expressions",
  WithStatement: "`with` is not allowed in expressions",
  Super: "`super` is not allowed in expressions",
  PrivateIdentifier: "Private names are not allowed in expressions",
};

const LOOPS = new Set(["ForStatement", "ForInStatement", "ForOfStatement", "WhileStatement", "DoWhileStatement"]);

function isNode(v: unknown): v is Node {
  return typeof v === "object" && v !== null && typeof Reflect.get(v, "type") === "string";
}

function refusalOf(node: Node): string | null {
  const f = (name: string): unknown => Reflect.get(node, name);
  if (LOOPS.has(node.type)) return "Loops are not allowed in expressions: use map, filter or reduce";
  if (!ALLOWED.has(node.type)) return REFUSALS[node.type] ?? `${node.type} is not allowed in expressions`;
  switch (node.type) {
    case "Identifier":
      return FORBIDDEN_NAMES.has(String(f("name"))) ? forbiddenName(String(f("name"))).message : null;
    case "Literal":
      return typeof f("bigint") === "string" ? "BigInt numbers are not allowed in expressions" : null;
    case "UnaryExpression":
      return f("operator") === "delete" ? "`delete` is not allowed in expressions: they read the state, never change it" : null;
    case "BinaryExpression":
      return f("operator") === "in" || f("operator") === "instanceof" ? `\`${String(f("operator"))}\` is not allowed in expressions` : null;
    case "ArrowFunctionExpression":
      return f("async") === true || f("generator") === true ? "async functions and generators are not allowed in expressions" : null;
    case "Property": {
      if (f("kind") !== "init") return "Getters and setters are not allowed in expressions";
      if (f("method") === true) return "Methods are not allowed in object literals: write `name: (…) => …`";
      const key = f("key");
      const literalKey = f("computed") !== true && isNode(key) && key.type === "Literal" ? String(Reflect.get(key, "value")) : null;
      return literalKey !== null && FORBIDDEN_NAMES.has(literalKey) ? forbiddenName(literalKey).message : null;
    }
    case "NewExpression": {
      const callee = f("callee");
      return isNode(callee) && callee.type === "Identifier" && Reflect.get(callee, "name") === "Error"
        ? null
        : "`new` is only allowed as `new Error(message)` in expressions";
    }
    case "VariableDeclaration":
      return f("kind") === "var" ? "`var` is not allowed in expressions: use `const`" : null;
    default:
      return null;
  }
}

/** Throws the first refusal in the tree, in source order. */
function check(node: Node): void {
  const refusal = refusalOf(node);
  if (refusal !== null) throw new ExpressionRefusal(refusal);
  if (node.type === "Literal" || node.type === "Identifier" || node.type === "TemplateElement") return; // leaves
  for (const key in node) {
    const child: unknown = Reflect.get(node, key);
    if (Array.isArray(child)) for (const c of child) { if (isNode(c)) check(c); }
    else if (isNode(child)) check(child);
  }
}

// preserveParens: the tree's end is the source's end, so text after it is seen (`(1) + 1` ends after `1`).
const OPTIONS = { ecmaVersion: 2022, sourceType: "script", preserveParens: true } as const;

/**
 * Parses one expression and checks it against the allowed subset. The whole source must be
 * the expression: anything after it but whitespace and comments is a syntax error.
 */
function parseChecked(source: string): Expression {
  const expression = parseExpressionAt(source, 0, OPTIONS);
  const rest = source.slice(expression.end);
  if (rest.trim() !== "" && parse(rest, OPTIONS).body.length > 0) throw new SyntaxError(`Unexpected text after the expression: ${rest.trim().slice(0, 40)}`);
  check(expression);
  return expression;
}

const cache = new Map<string, Expression | { error: string }>();
const MAX_CACHED = 5_000;

/** The checked tree of `source`, or why it cannot run. Cached per source. */
export function parseExpression(source: string): Expression | { error: string } {
  const hit = cache.get(source);
  if (hit) return hit;
  let entry: Expression | { error: string };
  try {
    entry = parseChecked(source);
  } catch (e) {
    entry = { error: e instanceof Error ? e.message : String(e) };
  }
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(source, entry);
  return entry;
}
