/** Conversion between the definition and React Flow: nodes, edges, and change events back to actions. */
export { toFlowNodes, type BlockNode, type BlockNodeData, type BlockRunInfo, type BlockRunStatus, type FlowNodeOptions } from "./flow-nodes";
export { toFlowEdges, portKind, portLabel, type BlockEdge, type BlockEdgeData, type FlowEdgeOptions, type PortKind } from "./flow-edges";
export { layoutBlocks, NODE_SIZE, GAP, LOOP_PADDING, EMPTY_LOOP_SIZE, type Layout, type Size } from "./flow-layout";
export { actionsFromNodeChanges, actionsFromEdgeChanges, actionFromConnection, measuredFromChanges, nextSelection } from "./flow-changes";
