"use client";

import "@xyflow/react/dist/style.css";
import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  type EdgeChange,
  type NodeChange,
} from "@xyflow/react";
import { useCallback, useMemo, useRef, useState } from "react";
import type { CodeLanguage } from "@/engine/blocks";
import type { BlockType } from "@/engine/model";
import type { EditorStore } from "../store/editor-store";
import { actionFromConnection, actionsFromEdgeChanges, actionsFromNodeChanges, measuredFromChanges } from "../store/flow-changes";
import { toFlowEdges, type BlockEdge } from "../store/flow-edges";
import type { Size } from "../store/flow-layout";
import { toFlowNodes, type BlockNode, type BlockRunInfo } from "../store/flow-nodes";
import { connectionProblem } from "../store/connect";
import { useEditorStore } from "../store/use-editor-store";
import { BlockNodeComponent } from "./block-node";
import { DRAG_MIME, Palette } from "./palette";

const NODE_TYPES = { block: BlockNodeComponent };

/** Moves `want` down until no top-level block overlaps it. */
function freeSpot(blocks: ReadonlyArray<{ parentId?: string; position?: { x: number; y: number } }>, want: { x: number; y: number }) {
  const taken = blocks.filter((b) => !b.parentId && b.position).map((b) => b.position as { x: number; y: number }); // filtered above
  const spot = { ...want };
  while (taken.some((t) => Math.abs(t.x - spot.x) < 200 && Math.abs(t.y - spot.y) < 80)) spot.y += 100;
  return spot;
}

export interface CanvasProps {
  store: EditorStore;
  statuses: Readonly<Record<string, BlockRunInfo>>;
}

function CanvasInner({ store, statuses }: CanvasProps) {
  const flow = useReactFlow<BlockNode, BlockEdge>();
  const draft = useEditorStore(store, (s) => s.draft);
  const selection = useEditorStore(store, (s) => s.selection);
  const problems = useEditorStore(store, (s) => s.problems);
  const [measured, setMeasured] = useState<ReadonlyMap<string, Size>>(new Map());
  const previous = useRef<BlockNode[]>([]);

  const nodes = useMemo(() => {
    const next = toFlowNodes(draft, { selection, statuses, problems, measured, previous: previous.current });
    previous.current = next;
    return next;
  }, [draft, selection, statuses, problems, measured]);
  const edges = useMemo(() => toFlowEdges(draft, { selection }), [draft, selection]);

  const dispatchAll = useCallback((actions: ReturnType<typeof actionsFromNodeChanges>) => {
    for (const a of actions) store.dispatch(a);
  }, [store]);
  const onNodesChange = useCallback((changes: NodeChange<BlockNode>[]) => {
    setMeasured((m) => measuredFromChanges(m, changes));
    dispatchAll(actionsFromNodeChanges(changes, store.getState().selection));
  }, [dispatchAll, store]);
  const onEdgesChange = useCallback((changes: EdgeChange<BlockEdge>[]) => {
    dispatchAll(actionsFromEdgeChanges(changes, store.getState().selection));
  }, [dispatchAll, store]);

  const add = (type: BlockType, position: { x: number; y: number }, language?: CodeLanguage) => {
    const res = store.dispatch({ type: "addBlock", blockType: type, position, language });
    if (res.ok) store.dispatch({ type: "select", ids: res.ids });
  };
  /** Clicked in the palette: the first free spot below the view's centre, then the view follows. */
  const addAtCenter = (type: BlockType, language?: CodeLanguage) => {
    const rect = document.querySelector("[data-testid='canvas']")?.getBoundingClientRect();
    const p = rect ? flow.screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 3 }) : { x: 0, y: 0 };
    add(type, freeSpot(store.getState().draft.graph.blocks, { x: Math.round(p.x - 90), y: Math.round(p.y) }), language);
    requestAnimationFrame(() => void flow.fitView({ padding: 0.2, maxZoom: 1.2 }));
  };

  return (
    <div className="flex h-full flex-col">
      <Palette onAdd={addAtCenter} />
      <div
        className="min-h-0 flex-1"
        data-testid="canvas"
        onDragOver={(e) => {
          if (e.dataTransfer.types.includes(DRAG_MIME)) {
            e.preventDefault();
            e.dataTransfer.dropEffect = "move";
          }
        }}
        onDrop={(e) => {
          const raw = e.dataTransfer.getData(DRAG_MIME);
          if (!raw) return;
          e.preventDefault();
          const item = JSON.parse(raw) as { type: BlockType; language?: CodeLanguage }; // written by Palette
          const p = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
          add(item.type, { x: Math.round(p.x), y: Math.round(p.y) }, item.language);
        }}
      >
        <ReactFlow<BlockNode, BlockEdge>
          nodes={nodes}
          edges={edges}
          nodeTypes={NODE_TYPES}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onConnect={(c) => store.dispatch(actionFromConnection(c))}
          isValidConnection={(c) => connectionProblem(store.getState().draft, c.source, c.target, c.sourceHandle ?? "next") === null}
          deleteKeyCode={["Delete", "Backspace"]}
          multiSelectionKeyCode={["Shift", "Meta", "Control"]}
          fitView
          fitViewOptions={{ padding: 0.2, maxZoom: 1.2 }}
          minZoom={0.05}
          onlyRenderVisibleElements
          proOptions={{ hideAttribution: true }}
        >
          <Background gap={16} />
          <MiniMap pannable zoomable style={{ width: 120, height: 80 }} />
          <Controls />
        </ReactFlow>
      </div>
    </div>
  );
}

/** The canvas of blocks, driven by the editor store: palette, React Flow, minimap, zoom controls. */
export function Canvas(p: CanvasProps) {
  return (
    <ReactFlowProvider>
      <CanvasInner {...p} />
    </ReactFlowProvider>
  );
}
