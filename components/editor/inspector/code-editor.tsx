"use client";

import { autocompletion, type Completion, type CompletionContext } from "@codemirror/autocomplete";
import { javascript } from "@codemirror/lang-javascript";
import { json } from "@codemirror/lang-json";
import { python } from "@codemirror/lang-python";
import { sql } from "@codemirror/lang-sql";
import CodeMirror from "@uiw/react-codemirror";
import { useMemo } from "react";

export type CodeLanguage = "javascript" | "python" | "sql" | "json" | "text";

/** What completion offers: names in scope and, when a previous run showed them, their `.data` fields. */
export interface ScopeName {
  name: string;
  detail: string;
  /** Field paths under `name`, e.g. ["data", "data.rows", "error", "metadata.status"]. */
  fields?: string[];
}

function scopeCompletions(names: ScopeName[]) {
  return (ctx: CompletionContext) => {
    const word = ctx.matchBefore(/[A-Za-z_][\w.]*$/);
    if (!word || (word.from === word.to && !ctx.explicit)) return null;
    const text = word.text;
    const dot = text.lastIndexOf(".");
    const options: Completion[] = [];
    if (dot < 0) {
      for (const n of names) options.push({ label: n.name, detail: n.detail, type: "variable" });
      return { from: word.from, options };
    }
    const head = text.slice(0, dot);
    const [root, ...rest] = head.split(".");
    const owner = names.find((n) => n.name === root);
    if (!owner?.fields) return null;
    const prefix = rest.length ? `${rest.join(".")}.` : "";
    for (const f of owner.fields) {
      if (!f.startsWith(prefix)) continue;
      const tail = f.slice(prefix.length);
      if (tail && !tail.includes(".")) options.push({ label: tail, type: "property" });
    }
    return { from: word.from + dot + 1, options };
  };
}

/** CodeMirror 6 with syntax highlighting for the block's language and completion of names in scope. */
export function CodeEditor({
  value,
  onChange,
  language,
  names = [],
  minHeight = "8rem",
  readOnly = false,
  label,
}: {
  value: string;
  onChange: (v: string) => void;
  language: CodeLanguage;
  names?: ScopeName[];
  minHeight?: string;
  readOnly?: boolean;
  label: string;
}) {
  const extensions = useMemo(() => {
    const lang = language === "javascript" ? [javascript()] : language === "python" ? [python()] : language === "sql" ? [sql()] : language === "json" ? [json()] : [];
    const completion = autocompletion({ override: [scopeCompletions(names)] });
    // Language-provided completions stay available through their own sources in the language data.
    return [...lang, completion];
  }, [language, names]);
  return (
    <div className="overflow-hidden rounded-md border border-slate-300 text-sm" data-testid="code-editor" aria-label={label}>
      <CodeMirror
        value={value}
        onChange={onChange}
        extensions={extensions}
        readOnly={readOnly}
        minHeight={minHeight}
        basicSetup={{ lineNumbers: true, foldGutter: false, highlightActiveLine: !readOnly }}
      />
    </div>
  );
}
