/**
 * The cycles of a dependency graph: its strongly connected components with more than one
 * node, or one node that depends on itself. Each is listed in the order of `nodes`; the
 * cycles are in the order of their first node. Tarjan's algorithm, iterative.
 *
 *   a → b → c → a   d → d   e → a
 *   findCycles([a…e]) = [[a, b, c], [d]]   (e depends on a cycle but is not in one)
 */
export function findCycles(nodes: readonly string[], dependsOn: (node: string) => readonly string[]): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;

  for (const root of nodes) {
    if (index.has(root)) continue;
    // Each frame: the node and the position of the next dependency to visit.
    const frames: { node: string; next: number }[] = [];
    const open = (node: string) => {
      index.set(node, counter);
      low.set(node, counter);
      counter++;
      stack.push(node);
      onStack.add(node);
      frames.push({ node, next: 0 });
    };
    open(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1];
      const deps = dependsOn(frame.node);
      if (frame.next < deps.length) {
        const dep = deps[frame.next++];
        if (!index.has(dep)) open(dep);
        else if (onStack.has(dep)) low.set(frame.node, Math.min(low.get(frame.node) ?? 0, index.get(dep) ?? 0));
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node) ?? 0, low.get(frame.node) ?? 0));
      if (low.get(frame.node) !== index.get(frame.node)) continue;
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop();
        if (member === undefined) break;
        onStack.delete(member);
        component.push(member);
      } while (member !== frame.node);
      if (component.length > 1 || deps.includes(frame.node)) components.push(component);
    }
  }
  const position = new Map(nodes.map((n, i) => [n, i]));
  const byPosition = (a: string, b: string) => (position.get(a) ?? 0) - (position.get(b) ?? 0);
  return components.map((c) => c.sort(byPosition)).sort((a, b) => byPosition(a[0], b[0]));
}
