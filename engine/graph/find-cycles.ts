/**
 * The strongly connected components that hold a cycle (two or more nodes, or one node with an
 * edge to itself), each listed in `nodes` order. Tarjan's algorithm, iterative so that a long
 * chain cannot overflow the stack. Edges to unknown nodes are ignored.
 */
export function findCycles(nodes: readonly string[], edges: ReadonlyArray<{ source: string; target: string }>): string[][] {
  const at = new Map(nodes.map((n, i) => [n, i]));
  const succ: number[][] = nodes.map(() => []);
  const selfLoop = new Set<number>();
  for (const e of edges) {
    const s = at.get(e.source);
    const t = at.get(e.target);
    if (s === undefined || t === undefined) continue;
    if (s === t) selfLoop.add(s);
    succ[s].push(t);
  }
  const index = new Array<number>(nodes.length).fill(-1);
  const low = new Array<number>(nodes.length).fill(0);
  const onStack = new Array<boolean>(nodes.length).fill(false);
  const stack: number[] = [];
  const found: number[][] = [];
  let counter = 0;
  const visit = (n: number) => {
    index[n] = low[n] = counter++;
    stack.push(n);
    onStack[n] = true;
  };

  for (let root = 0; root < nodes.length; root++) {
    if (index[root] !== -1) continue;
    const work: Array<{ node: number; i: number }> = [{ node: root, i: 0 }];
    visit(root);
    while (work.length) {
      const frame = work[work.length - 1];
      const out = succ[frame.node];
      if (frame.i < out.length) {
        const s = out[frame.i++];
        if (index[s] === -1) {
          visit(s);
          work.push({ node: s, i: 0 });
        } else if (onStack[s]) {
          low[frame.node] = Math.min(low[frame.node], index[s]);
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low[parent.node] = Math.min(low[parent.node], low[frame.node]);
      if (low[frame.node] !== index[frame.node]) continue;
      const component: number[] = [];
      let n: number;
      do {
        n = stack.pop() ?? frame.node;
        onStack[n] = false;
        component.push(n);
      } while (n !== frame.node);
      if (component.length > 1 || selfLoop.has(frame.node)) found.push(component.sort((a, b) => a - b));
    }
  }
  return found.map((c) => c.map((i) => nodes[i]));
}
