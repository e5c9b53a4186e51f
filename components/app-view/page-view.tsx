"use client";

import { useEffect } from "react";
import type { CurrentUser } from "@/engine/contract/current-user";
import type { Layout, PageComponent, PageTree } from "@/engine/pages";
import type { AppState } from "../runtime/app-state";
import { componentLoading } from "../runtime/component-loading";
import { evaluateProps } from "../runtime/expressions";
import type { AppFunction, PageContext } from "../runtime/page-runtime";
import { useAppState } from "../runtime/use-app-state";
import { usePageRuntime, type PageRuntimeHandle } from "../runtime/use-page-runtime";
import { PageGrid, type GridEditing } from "../runtime/widgets/page-grid";
import { CONTAINER_TYPES, WIDGETS } from "../runtime/widgets/registry";

export interface PageViewProps {
  tree: PageTree;
  appFunctions: readonly AppFunction[];
  /** Sent with every call the page makes, so the run records where it came from. */
  pageId?: string;
  pageName: string;
  urlQuery: Readonly<Record<string, string>>;
  /** Who is looking: `currentUser` in the page's expressions (null: no one signed in). */
  currentUser: CurrentUser | null;
  ctx: PageContext;
  /** Editing: select, move and resize instead of running handlers. */
  editing?: { selectedId: string | null; onSelect: (id: string | null) => void; onLayout: (id: string, layout: Layout) => void };
  /** Lets the editor read the live state (inspector previews, completion). */
  onRuntime?: (runtime: PageRuntimeHandle) => void;
}

function ComponentView({ c, state, runtime, tree, editing }: {
  c: PageComponent;
  state: AppState;
  runtime: PageRuntimeHandle;
  tree: PageTree;
  editing?: GridEditing;
}) {
  const Widget = WIDGETS[c.type];
  const { values } = evaluateProps(c.props, state);
  const children = CONTAINER_TYPES.has(c.type) ? (
    <PageGrid components={tree.components} parentId={c.id} editable={editing}
      renderComponent={(child) => <ComponentView c={child} state={state} runtime={runtime} tree={tree} editing={editing} />} />
  ) : undefined;
  return (
    <Widget
      component={c}
      props={values}
      state={state.components[c.name] ?? {}}
      setState={(patch) => runtime.store.setComponent(c.name, patch)}
      fire={(event, extra) => {
        if (!editing) void runtime.fire(c.name, event, extra);
      }}
      loading={componentLoading(c, state)}
    >
      {children}
    </Widget>
  );
}

/** A page running live: the runtime (state, on-load and automatic runs, handlers) and the widgets on the grid. */
export function PageView({ tree, appFunctions, pageId, pageName, urlQuery, currentUser, ctx, editing, onRuntime }: PageViewProps) {
  const runtime = usePageRuntime({ appFunctions, tree, pageId, pageName, urlQuery, currentUser, ctx });
  const state = useAppState(runtime.store, (s) => s);
  useEffect(() => onRuntime?.(runtime), [runtime, onRuntime]);
  const grid: GridEditing | undefined = editing
    ? { selectedId: editing.selectedId, onSelect: editing.onSelect, onMove: editing.onLayout, onResize: editing.onLayout }
    : undefined;
  return (
    <div data-testid="page-view" data-page-name={pageName}>
      <PageGrid components={tree.components} editable={grid}
        renderComponent={(c) => <ComponentView c={c} state={state} runtime={runtime} tree={tree} editing={grid} />} />
    </div>
  );
}
