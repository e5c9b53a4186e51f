"use client";

import { useEffect, useState } from "react";
import { COMPONENT_EVENTS, type PageComponent, type PageTree } from "@/engine/pages";
import type { AppState } from "../runtime/app-state";
import { PROP_FIELDS } from "../runtime/widgets/registry";
import type { ScopeName } from "../editor/inspector/code-editor";
import { Button } from "../ui/button";
import { ActionList, type ActionContext } from "./action-editor";
import { PropFieldEditor } from "./prop-field";
import { setEvent, setProp } from "./tree-ops";

/** The selected component: name, props (with live values), event handlers, delete. */
export function ComponentInspector({ component, tree, onTree, onRename, onDelete, onClose, state, names, actionCtx }: {
  component: PageComponent;
  tree: PageTree;
  onTree: (t: PageTree) => void;
  onRename: (name: string) => string | null;
  onDelete: () => void;
  /** Back to the page's own settings (bindings). */
  onClose: () => void;
  state: AppState | null;
  names: ScopeName[];
  actionCtx: ActionContext;
}) {
  const [name, setName] = useState(component.name);
  const [nameError, setNameError] = useState<string | null>(null);
  useEffect(() => {
    setName(component.name);
    setNameError(null);
  }, [component.name]);
  const commit = () => name !== component.name && setNameError(onRename(name));
  const componentState = state?.components[component.name];
  return (
    <div className="flex flex-col gap-3" data-testid="component-inspector" data-inspected-component={component.name}>
      <div className="flex items-center justify-between">
        <span className="text-xs uppercase tracking-wide text-slate-500">{component.type}</span>
        <button type="button" className="text-xs text-indigo-700 hover:underline" onClick={onClose}>Page settings</button>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="component-name" className="text-xs font-medium text-slate-600">Name</label>
        <input id="component-name" value={name} onChange={(e) => setName(e.target.value)} onBlur={commit} onKeyDown={(e) => e.key === "Enter" && commit()}
          className="rounded border border-slate-300 px-1.5 py-1 font-mono text-sm" />
        {nameError ? <p role="alert" className="text-xs text-red-600">{nameError}</p> : null}
      </div>
      {PROP_FIELDS[component.type].map((f) => (
        <PropFieldEditor key={f.name} field={f} value={component.props[f.name]} state={state} names={names}
          onChange={(v) => onTree(setProp(tree, component.id, f.name, v))} />
      ))}
      {COMPONENT_EVENTS[component.type].map((event) => (
        <ActionList key={event} label={`On ${event}`} actions={component.events[event] ?? []} ctx={actionCtx}
          onChange={(actions) => onTree(setEvent(tree, component.id, event, actions))} />
      ))}
      {componentState ? (
        <details className="text-xs">
          <summary className="cursor-pointer text-slate-600">State</summary>
          <pre className="mt-1 max-h-40 overflow-auto rounded bg-slate-50 p-1.5">{JSON.stringify(componentState, null, 2)}</pre>
        </details>
      ) : null}
      <Button variant="ghost" className="self-start text-red-700" onClick={onDelete}>Delete component</Button>
    </div>
  );
}
