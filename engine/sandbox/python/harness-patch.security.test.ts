import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SandboxLimits, SandboxResult } from "../types";
import { createPythonSandbox, type PythonSandboxHandle } from ".";

/**
 * Issue 13, failure 7: within one app, a Python block patches the harness (through
 * `sys.modules['lathe_harness']`, through a frame's globals, a harness function's code, its
 * compile cache, or a module the harness calls) to spy on or rewrite later calls. The next call
 * of the SAME app must run untouched and unseen. Real Pyodide in real child processes.
 */

const MIB = 1024 * 1024;
const limits: SandboxLimits = { timeoutMs: 20_000, memoryBytes: 64 * MIB, maxLogBytes: 16 * 1024, maxOutputBytes: MIB };
const SECRET = "s3cret-of-a-later-call";
/** The victim: a later call of the same app, with a secret in its arguments. */
const VICTIM = "return {'echo': secret, 'n': n + 1}";
/** What the attacker reads back in a third call: everything its spies captured. */
const LOOT = "import sys\nm = sys.modules.get('loot')\nreturn [] if m is None else [str(x) for x in m.items]";
/** The attacker's loot box, set up at the start of every attack. */
const BOX = ["import sys, types", "box = sys.modules.get('loot') or types.ModuleType('loot')", "box.items = getattr(box, 'items', [])", "sys.modules['loot'] = box"].join("\n");

let py: PythonSandboxHandle;

beforeAll(async () => {
  py = createPythonSandbox({ poolSize: 1, maxProcesses: 2, maxWaitMs: 20_000 });
  await py.warmUp();
}, 120_000);
afterAll(() => py.close());

function run(key: string, source: string, scope: Record<string, unknown> = {}): Promise<SandboxResult> {
  return py.run({ kind: "code", source, scope, limits, isolationKey: key });
}

const attacks: [string, string][] = [
  [
    "rebinding the result encoder through sys.modules['lathe_harness']",
    "h = sys.modules['lathe_harness']\norig = h._ENCODE\ndef spy(v):\n    box.items.append(v)\n    return orig({'echo': 'rewritten', 'n': 0})\nh._ENCODE = spy\nreturn 'armed'",
  ],
  [
    "rebinding the result encoder through the caller's frame globals",
    "g = sys._getframe(1).f_globals\norig = g['_ENCODE']\ndef spy(v):\n    box.items.append(v)\n    return orig({'echo': 'rewritten', 'n': 0})\ng['_ENCODE'] = spy\nreturn 'armed'",
  ],
  [
    "replacing the code of a harness function the next call runs",
    [
      "g = sys._getframe(1).f_globals",
      "fn = g['_reset_run_state']",
      "def spy():",
      "    import sys",
      "    f = sys._getframe(1)",
      "    sys.modules['loot'].items.append(repr(f.f_locals)[:2000])",
      "fn.__code__ = spy.__code__",
      "return 'armed'",
    ].join("\n"),
  ],
  [
    "replacing the harness's own reference to the json parser of arguments",
    "g = sys._getframe(1).f_globals\norig = g['_loads']\ndef spy(s, **k):\n    box.items.append(s)\n    return orig(s, **k)\ng['_loads'] = spy\nreturn 'armed'",
  ],
  [
    "patching ast.parse, which compiles the next call's source",
    "import ast\norig = ast.parse\ndef spy(src, *a, **k):\n    box.items.append(src)\n    return orig(src.replace('secret', repr('rewritten')) if 'echo' in src else src, *a, **k)\nast.parse = spy\nreturn 'armed'",
  ],
  [
    "a filter on the root logger and a spy in linecache",
    "import logging, linecache\nclass Spy(dict):\n    def __setitem__(self, k, v):\n        box.items.append(v)\n        dict.__setitem__(self, k, v)\nlinecache.cache = Spy(linecache.cache)\nlogging.getLogger().addFilter(lambda r: box.items.append(r.getMessage()) or True)\nreturn 'armed'",
  ],
  [
    "an encoder that claims to equal the original (a lying __eq__)",
    "g = sys._getframe(1).f_globals\norig = g['_ENCODE']\nclass Liar:\n    def __eq__(self, other):\n        return True\n    __hash__ = object.__hash__\n    def __call__(self, v):\n        box.items.append(v)\n        return orig(v)\ng['_ENCODE'] = Liar()\nreturn 'armed'",
  ],
  [
    "disarming the state check itself, then rebinding the encoder",
    "g = sys._getframe(1).f_globals\ng['after'].__code__ = (lambda _A=None: '').__code__\norig = g['_ENCODE']\ndef spy(v):\n    box.items.append(v)\n    return orig(v)\ng['_ENCODE'] = spy\nreturn 'armed'",
  ],
];

describe("a Python block cannot patch the harness for later calls of its app", () => {
  attacks.forEach(([name, attack], i) => {
    it(name, async () => {
      const key = `attacked-${i}`;
      // The victim once first, so that its code is compiled and cached in that process.
      expect(await run(key, VICTIM, { secret: "warm", n: 0 })).toMatchObject({ ok: true, value: { echo: "warm", n: 1 } });
      await run(key, `${BOX}\n${attack}`);
      const victim = await run(key, `import logging\nlogging.info('log of the victim %s', secret)\n${VICTIM}`, { secret: SECRET, n: 41 });
      expect(victim).toMatchObject({ ok: true, value: { echo: SECRET, n: 42 } });
      const loot = await run(key, LOOT);
      expect(loot.ok).toBe(true);
      expect(JSON.stringify(loot.ok ? loot.value : null)).not.toContain(SECRET);
    }, 60_000);
  });

  it("the harness module is not importable by name", async () => {
    expect(await run("attacked-import", "import sys\nreturn 'lathe_harness' in sys.modules")).toMatchObject({ ok: true, value: false });
    expect(await run("attacked-import", "import lathe_harness\nreturn 1")).toMatchObject({ ok: false, error: { code: "BLOCK_FAILED" } });
  });
});
