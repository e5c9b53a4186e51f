"use client";

import { useId } from "react";
import type { ParsedTestInput } from "./test-input";

/** The JSON test input: a textarea checked as you type, with the problem shown inline. */
export function TestInputEditor({
  text,
  parsed,
  edited,
  onChange,
  onReset,
}: {
  text: string;
  parsed: ParsedTestInput;
  /** The text differs from the parameters' defaults (enables Reset). */
  edited: boolean;
  onChange: (text: string) => void;
  onReset: () => void;
}) {
  const errorId = useId();
  return (
    <div className="flex h-full flex-col gap-1" data-testid="test-input">
      <div className="flex items-center justify-between">
        <span className="text-xs font-semibold uppercase tracking-wide text-slate-500">Test input</span>
        <button
          type="button"
          className="rounded px-1.5 text-xs text-slate-500 hover:bg-slate-200 disabled:text-slate-300 disabled:hover:bg-transparent"
          disabled={!edited}
          onClick={onReset}
        >
          Reset to defaults
        </button>
      </div>
      <textarea
        aria-label="Test input (JSON)"
        spellCheck={false}
        value={text}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={parsed.ok ? undefined : true}
        aria-describedby={parsed.ok ? undefined : errorId}
        className="min-h-24 flex-1 resize-none rounded-md border border-slate-300 bg-white p-2 font-mono text-xs outline-none focus:border-indigo-500 focus:ring-2 focus:ring-indigo-200 aria-invalid:border-red-500"
      />
      {parsed.ok ? null : (
        <p id={errorId} role="alert" data-testid="test-input-error" className="text-xs text-red-600">
          {parsed.message}
        </p>
      )}
    </div>
  );
}
