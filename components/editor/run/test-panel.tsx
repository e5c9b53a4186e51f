"use client";

import { useCallback, useImperativeHandle, useMemo, useState, type Ref } from "react";
import type { RunOutcome } from "@/engine/interpreter/types";
import type { FunctionDefinition, ParamDef } from "@/engine/model";
import { Button } from "../../ui/button";
import { JsonTree } from "@/components/shared/json-tree";
import { RunDetails } from "./run-details";
import { defaultTestInput, formatTestInput, parseTestInput } from "./test-input";
import { TestInputEditor } from "./test-input-editor";
import { useTestRun } from "./use-test-run";

/** What the page gets through `ref`: the Ctrl+Enter shortcut calls `runTest()`. */
export interface TestPanelHandle {
  /** Same as pressing Test: no-op while a run is going or while the test input is not valid JSON. */
  runTest: () => void;
  cancel: () => void;
}

function needsInput(params: readonly ParamDef[]): boolean {
  return params.some((p) => p.required && p.default === undefined);
}

/**
 * The Test view: runs the editor's current draft (`getDefinition()`, saved or not) with the
 * test input, shows elapsed time and Cancel while it runs, then the run's details.
 * The keyboard shortcut is the page's: call `ref.current.runTest()` (see TestPanelHandle).
 */
export function TestPanel({
  fnId,
  getDefinition,
  params,
  selectedBlockId,
  onSelectBlock,
  onOutcome,
  onRunStart,
  ref,
}: {
  fnId: string;
  getDefinition: () => FunctionDefinition;
  params: readonly ParamDef[];
  selectedBlockId: string | null;
  onSelectBlock: (blockId: string | null) => void;
  /** Each completed Test run's outcome (e.g. to colour canvas blocks by status). */
  onOutcome?: (outcome: RunOutcome, runId: string | null) => void;
  /** A Test run starts (e.g. to clear the previous colouring). */
  onRunStart?: () => void;
  ref?: Ref<TestPanelHandle>;
}) {
  const test = useTestRun(fnId);
  const { run, cancel, running } = test;
  const [useInput, setUseInput] = useState(() => needsInput(params));
  // null: not edited, so the text follows the parameters' defaults as they change.
  const [edited, setEdited] = useState<string | null>(null);
  const [forFn, setForFn] = useState(fnId);
  if (forFn !== fnId) {
    setForFn(fnId);
    setEdited(null);
    setUseInput(needsInput(params));
  }
  const defaultsText = useMemo(() => formatTestInput(defaultTestInput(params)), [params]);
  const text = edited ?? defaultsText;
  const parsed = useMemo(() => parseTestInput(text), [text]);
  const invalid = useInput && !parsed.ok;

  const runTest = useCallback(() => {
    if (running) return;
    const input = useInput ? (parsed.ok ? parsed.value : null) : {};
    if (input === null) return;
    onRunStart?.();
    void run(getDefinition(), input).then((r) => {
      if (r) onOutcome?.(r.outcome, r.runId);
    });
  }, [running, useInput, parsed, run, getDefinition, onRunStart, onOutcome]);

  useImperativeHandle(ref, () => ({ runTest, cancel }), [runTest, cancel]);

  return (
    <div data-testid="test-panel" data-running={running ? "true" : undefined} className="flex h-full min-h-0 flex-col">
      <div className="flex flex-wrap items-center gap-3 border-b border-slate-200 px-3 py-2">
        <Button
          variant="primary"
          aria-keyshortcuts="Control+Enter"
          title={invalid ? "Fix the test input first" : "Run the current draft (Ctrl+Enter)"}
          disabled={running || invalid}
          onClick={runTest}
        >
          ▶ Test
        </Button>
        {running ? (
          <>
            <span role="status" data-testid="test-running" className="text-sm tabular-nums text-slate-600">
              Running… {(test.elapsedMs / 1000).toFixed(1)} s
            </span>
            <Button onClick={cancel}>Cancel</Button>
          </>
        ) : null}
        <label className="ml-auto flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" role="switch" checked={useInput} onChange={(e) => setUseInput(e.target.checked)} />
          Use test input
        </label>
      </div>
      <div className="flex min-h-0 flex-1">
        {useInput ? (
          <div className="w-72 shrink-0 border-r border-slate-200 p-2">
            <TestInputEditor text={text} parsed={parsed} edited={edited !== null && edited !== defaultsText} onChange={setEdited} onReset={() => setEdited(null)} />
          </div>
        ) : null}
        <div className="min-w-0 flex-1 overflow-auto p-3">
          {test.error ? (
            <div role="alert" data-testid="test-error" className="mb-3 rounded-md border border-red-200 bg-red-50 p-2 text-sm text-red-800">
              <p className="whitespace-pre-wrap break-words">{test.error}</p>
              {test.errorData !== undefined && test.errorData !== null ? <JsonTree value={test.errorData} className="mt-1" /> : null}
            </div>
          ) : null}
          {test.cancelled ? (
            <p data-testid="test-cancelled" className="mb-3 text-sm text-amber-700">
              Run cancelled after {(test.elapsedMs / 1000).toFixed(1)} s.
            </p>
          ) : null}
          {test.last ? (
            <div className={running ? "opacity-50" : undefined} data-run-id={test.last.runId ?? undefined}>
              <RunDetails outcome={test.last.outcome} selectedBlockId={selectedBlockId} onSelectBlock={onSelectBlock} />
            </div>
          ) : running || test.error || test.cancelled ? null : (
            <p className="text-sm text-slate-500">
              Press <span className="font-medium">Test</span> (Ctrl+Enter) to run the current draft. {useInput ? "The test input is sent as the parameters." : "Parameters get their defaults."}
            </p>
          )}
        </div>
      </div>
    </div>
  );
}
