import { parseTemplate } from "@/engine/expressions/parse-template";
import { singleExpression } from "@/engine/expressions/single-expression";
import { stringifyValue } from "@/engine/expressions/stringify-value";
import type { AppState } from "./app-state";
import { compiledExpression } from "./compile-expression";
import { freezeValue } from "./freeze-value";
import { scopeOf, type Scope } from "./state-scope";

export { readsOf } from "./reads-of";

export type Evaluation = { ok: true; value: unknown } | { ok: false; error: string };

/** Names a run's handlers add to the scope: `result`, `error`, a row's `item`… */
export type ExtraScope = Readonly<Record<string, unknown>>;

function messageOf(e: unknown): string {
  if (e instanceof Error) return e.message;
  return typeof e === "string" ? e : "The expression threw a non-error value";
}

/** One `inScope` per scope, so compiledExpression recognises the scope by identity. */
const inScopeOf = new WeakMap<Scope, (name: string) => boolean>();

function inScopeFor(scope: Scope): (name: string) => boolean {
  let f = inScopeOf.get(scope);
  if (!f) {
    f = (n) => Object.hasOwn(scope, n);
    inScopeOf.set(scope, f);
  }
  return f;
}

function evaluateExpression(source: string, scope: Scope): Evaluation {
  if (source === "") return { ok: true, value: undefined };
  const compiled = compiledExpression(source, inScopeFor(scope));
  if ("error" in compiled) return { ok: false, error: compiled.error };
  try {
    // A value the expression builds from the state may share (frozen) parts with it; the
    // copy keeps functions it returns out of the state and of component props.
    return { ok: true, value: freezeValue(compiled.run(compiled.names.map((n) => scope[n]))) };
  } catch (e) {
    return { ok: false, error: messageOf(e) };
  }
}

type ParsedTemplate = { single: string | null; segments: ReturnType<typeof parseTemplate> };
const templates = new Map<string, ParsedTemplate>();
const MAX_CACHED = 5_000;

/** A template's segments, cached: a page evaluates the same templates on every render. */
function parsedTemplate(template: string): ParsedTemplate {
  let hit = templates.get(template);
  if (!hit) {
    const segments = parseTemplate(template);
    hit = { single: singleExpression(segments), segments };
    if (templates.size >= MAX_CACHED) templates.clear();
    templates.set(template, hit);
  }
  return hit;
}

/** The state's scope, with handler names (frozen) on top. */
function scopeWith(state: AppState, extra: ExtraScope | undefined): Scope {
  const base = scopeOf(state);
  if (!extra || Object.keys(extra).length === 0) return base;
  const frozenExtra = freezeValue(extra);
  return typeof frozenExtra === "object" && frozenExtra !== null ? { ...base, ...frozenExtra } : base;
}

/**
 * Evaluates a template against the state, read-only. Exactly one `{{ expr }}` (whitespace
 * around it allowed) yields the value itself; mixed text yields a string (objects as JSON,
 * null and undefined as ""); text without `{{ }}` is itself. Never throws: a failing
 * expression gives its error message, for the inspector.
 */
export function evaluateTemplate(template: string, state: AppState, extra?: ExtraScope): Evaluation {
  const { segments, single } = parsedTemplate(template);
  const scope = scopeWith(state, extra);
  if (single !== null) return evaluateExpression(single, scope);
  let text = "";
  for (const s of segments) {
    if (s.kind === "text") {
      text += s.text;
      continue;
    }
    const r = evaluateExpression(s.source, scope);
    if (!r.ok) return r;
    text += stringifyValue(r.value);
  }
  return { ok: true, value: text };
}

export interface EvaluatedProps {
  values: Record<string, unknown>;
  /** Prop name → error message, for the inspector; such a prop's value is undefined. */
  errors: Record<string, string>;
}

/** A component's props: every string is a template; other JSON values pass through. */
export function evaluateProps(props: Readonly<Record<string, unknown>>, state: AppState, extra?: ExtraScope): EvaluatedProps {
  const values: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const [name, prop] of Object.entries(props)) {
    if (typeof prop !== "string") {
      values[name] = prop;
      continue;
    }
    const r = evaluateTemplate(prop, state, extra);
    if (r.ok) values[name] = r.value;
    else {
      values[name] = undefined;
      errors[name] = r.error;
    }
  }
  return { values, errors };
}
