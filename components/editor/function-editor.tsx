"use client";

import { useCallback, useMemo, useRef, useState } from "react";
import type { RunOutcome } from "@/engine/interpreter";
import type { Block, FunctionDefinition } from "@/engine/model";
import { Button } from "../ui/button";
import { Canvas } from "./canvas/canvas";
import { BlockInspector, type FunctionOption } from "./inspector/block-inspector";
import type { ResourceOption } from "./inspector/query-form";
import { ParamsPanel, type ParamOps } from "./params-panel";
import { HistoryPanel } from "./run/history-panel";
import { TestPanel, type TestPanelHandle } from "./run/test-panel";
import { scopeNames } from "./scope-names";
import { SettingsPanel } from "./settings-panel";
import { copyBlocks, parseClipboard, type Clipboard } from "./store/clipboard";
import { createEditorStore, type EditorStore } from "./store/editor-store";
import type { BlockRunInfo } from "./store/flow-nodes";
import { useEditorStore } from "./store/use-editor-store";
import { useSave } from "./use-save";
import { useLeaveGuard, useShortcuts } from "./use-shortcuts";
import { VersionsPanel } from "./versions-panel";

type Tab = "test" | "history" | "versions" | "settings";

function paramOps(store: EditorStore): ParamOps {
  const reason = (r: ReturnType<EditorStore["dispatch"]>) => (r.ok ? null : r.reason);
  return {
    add: () => void store.dispatch({ type: "addParam" }),
    remove: (name) => void store.dispatch({ type: "removeParam", name }),
    move: (from, to) => void store.dispatch({ type: "moveParam", from, to }),
    update: (name, patch) => {
      const { name: newName, ...rest } = patch;
      if (newName !== undefined && newName !== name) return reason(store.dispatch({ type: "renameParam", name, newName }));
      return reason(store.dispatch({ type: "updateParam", name, patch: rest, coalesceKey: `param:${name}` }));
    },
  };
}

/** Block id → what the last run said about it, for colouring the canvas. */
function statusesOf(outcome: RunOutcome | null): Record<string, BlockRunInfo> {
  const out: Record<string, BlockRunInfo> = {};
  for (const t of outcome?.trace ?? []) {
    const prev = out[t.blockId];
    out[t.blockId] = { status: prev?.status === "error" ? "error" : t.status, durationMs: (prev?.durationMs ?? 0) + t.durationMs };
  }
  return out;
}

/** The function editor: parameters, one block or a canvas of blocks, the inspector, Test, history, versions, settings. */
export function FunctionEditor({ fnId, name, definition, version, resources, functions, onVersion }: {
  fnId: string;
  name: string;
  definition: FunctionDefinition;
  version: number;
  resources: ResourceOption[];
  functions: FunctionOption[];
  onVersion: (version: number) => void;
}) {
  const store = useMemo(() => createEditorStore({ definition, savedVersion: version }), [fnId]); // eslint-disable-line react-hooks/exhaustive-deps -- one store per function
  const draft = useEditorStore(store, (s) => s.draft);
  const dirty = useEditorStore(store, (s) => s.dirty);
  const problems = useEditorStore(store, (s) => s.problems);
  const selection = useEditorStore(store, (s) => s.selection);
  const savedVersion = useEditorStore(store, (s) => s.savedVersion);
  const [tab, setTab] = useState<Tab>("test");
  const [outcome, setOutcome] = useState<RunOutcome | null>(null);
  const [runCount, setRunCount] = useState(0);
  const [canvasMode, setCanvasMode] = useState(definition.graph.blocks.length > 2);
  const clipboard = useRef<Clipboard | null>(null);
  const testRef = useRef<TestPanelHandle>(null);
  const saving = useSave(fnId, store, onVersion);
  useLeaveGuard(dirty);

  const steps = draft.graph.blocks.filter((b) => b.type !== "start");
  const single = !canvasMode && steps.length === 1 ? steps[0] : null;
  const selectedBlock: Block | null = single ?? draft.graph.blocks.find((b) => b.id === selection[0]) ?? null;
  const names = useMemo(() => scopeNames(draft, outcome), [draft, outcome]);
  const statuses = useMemo(() => statusesOf(outcome), [outcome]);
  const ops = useMemo(() => paramOps(store), [store]);

  useShortcuts({
    save: () => void saving.save(),
    test: () => testRef.current?.runTest(),
    undo: () => store.dispatch({ type: "undo" }),
    redo: () => store.dispatch({ type: "redo" }),
    copy: () => {
      const ids = store.getState().selection;
      if (!canvasMode || ids.length === 0) return false;
      clipboard.current = copyBlocks(store.getState().draft, ids);
      void navigator.clipboard?.writeText(JSON.stringify(clipboard.current)).catch(() => undefined);
      return true;
    },
    paste: () => {
      const clip = clipboard.current && parseClipboard(clipboard.current);
      if (!canvasMode || !clip) return false;
      store.dispatch({ type: "paste", clipboard: clip, offset: { x: 40, y: 40 } });
      return true;
    },
  });

  const onBlockChange = useCallback((next: Block) => {
    store.dispatch({
      type: "updateBlock",
      id: next.id,
      patch: { config: next.config, timeoutMs: next.timeoutMs ?? null, retry: next.retry ?? null },
      coalesceKey: `block:${next.id}`,
    });
  }, [store]);

  const inspector = selectedBlock ? (
    <BlockInspector
      key={selectedBlock.id}
      block={selectedBlock}
      resources={resources}
      functions={functions.filter((f) => f.id !== fnId)}
      names={names}
      onChange={onBlockChange}
      onRename={(n) => {
        const r = store.dispatch({ type: "renameBlock", id: selectedBlock.id, name: n });
        return r.ok ? null : r.reason;
      }}
    />
  ) : (
    <p className="text-sm text-slate-500">Select a block on the canvas to edit it.</p>
  );

  return (
    <div className="flex h-full min-h-0 flex-col" data-testid="function-editor" data-function-id={fnId}>
      <div className="flex items-center gap-2 border-b border-slate-200 bg-white px-4 py-2">
        <h2 className="font-mono text-lg font-semibold">{name}</h2>
        <span className="text-xs text-slate-500">v{savedVersion}</span>
        {dirty ? <span className="text-xs text-amber-700" data-testid="unsaved">● Unsaved changes</span> : <span className="text-xs text-slate-400" data-testid="saved-state">Saved</span>}
        {problems.length ? <span className="text-xs text-amber-700" data-testid="problem-count" title={problems.map((p) => `${p.blockName ?? ""} ${p.message}`).join("\n")}>⚠ {problems.length} problem{problems.length === 1 ? "" : "s"}</span> : null}
        <div className="ml-auto flex items-center gap-1">
          <Button variant="ghost" onClick={() => store.dispatch({ type: "undo" })} aria-label="Undo" aria-keyshortcuts="Control+Z">↶</Button>
          <Button variant="ghost" onClick={() => store.dispatch({ type: "redo" })} aria-label="Redo" aria-keyshortcuts="Control+Shift+Z">↷</Button>
          {!canvasMode ? <Button onClick={() => setCanvasMode(true)}>Add steps in canvas</Button> : null}
          <Button onClick={() => { setTab("test"); testRef.current?.runTest(); }} aria-keyshortcuts="Control+Enter">Test</Button>
          <Button variant="primary" onClick={() => void saving.save()} disabled={saving.saving} aria-keyshortcuts="Control+S">{saving.saving ? "Saving…" : "Save"}</Button>
        </div>
      </div>
      {saving.error ? (
        <div role="alert" className="flex items-center gap-3 bg-red-50 px-4 py-2 text-sm text-red-800" data-testid="save-error">
          {saving.error}
          {saving.conflict ? <Button onClick={() => void saving.reload()}>Reload latest</Button> : null}
        </div>
      ) : null}
      {problems.length ? (
        <ul className="max-h-12 overflow-y-auto bg-amber-50 px-4 py-1 text-xs text-amber-900" data-testid="problems">
          {problems.map((p, i) => (
            <li key={i}>
              <button type="button" className="hover:underline" onClick={() => p.blockId && store.dispatch({ type: "select", ids: [p.blockId] })}>
                {p.blockName ? <b>{p.blockName}: </b> : null}{p.message}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="flex min-h-0 flex-1">
        <aside className="w-72 shrink-0 overflow-y-auto border-r border-slate-200 bg-white p-3">
          <ParamsPanel params={draft.params} ops={ops} />
        </aside>
        {single ? (
          <div className="min-w-0 flex-1 overflow-y-auto p-4" data-block-name={single.name} data-block-type={single.type}>{inspector}</div>
        ) : (
          <>
            <div className="min-w-0 flex-1"><Canvas store={store} statuses={statuses} /></div>
            <aside className="w-80 shrink-0 overflow-y-auto border-l border-slate-200 bg-white p-3">{inspector}</aside>
          </>
        )}
      </div>
      <div className="flex h-64 shrink-0 flex-col border-t border-slate-200 bg-white">
        <div role="tablist" className="flex gap-1 border-b border-slate-200 px-2">
          {(["test", "history", "versions", "settings"] as const).map((t) => (
            <button key={t} role="tab" aria-selected={tab === t} onClick={() => setTab(t)}
              className={`px-3 py-1.5 text-sm capitalize ${tab === t ? "border-b-2 border-indigo-600 font-medium text-indigo-700" : "text-slate-600"}`}>
              {t === "history" ? "Logs" : t}
            </button>
          ))}
        </div>
        <div className="min-h-0 flex-1 overflow-auto">
          <div hidden={tab !== "test"} className="h-full">
            <TestPanel
              ref={testRef}
              fnId={fnId}
              getDefinition={() => store.getState().draft}
              params={draft.params}
              selectedBlockId={selection[0] ?? null}
              onSelectBlock={(id) => store.dispatch({ type: "select", ids: id ? [id] : [] })}
              onRunStart={() => setOutcome(null)}
              onOutcome={(o) => { setOutcome(o); setRunCount((n) => n + 1); }}
            />
          </div>
          {tab === "history" ? <HistoryPanel fnId={fnId} refreshKey={runCount} /> : null}
          {tab === "versions" ? (
            <VersionsPanel fnId={fnId} currentVersion={savedVersion ?? version} dirty={dirty}
              onRestored={(def, v) => { store.dispatch({ type: "replace", definition: def, version: v }); onVersion(v); }} />
          ) : null}
          {tab === "settings" ? (
            <SettingsPanel value={draft} onChange={(patch) => store.dispatch({ type: "updateSettings", patch, coalesceKey: "settings" })} />
          ) : null}
        </div>
      </div>
    </div>
  );
}
