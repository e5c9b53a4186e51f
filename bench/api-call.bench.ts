import { bareServer } from "./lib/bare";
import { BEFORE_SIGN_IN, withBaseline } from "./lib/baseline";
import { callBodies, callDefinition } from "./lib/calls";
import { createFunction, withLathe } from "./lib/lathe";
import type { LoadResult } from "./lib/load";
import { ms, num, table } from "./lib/format";
import { requireWrk, runWrk } from "./lib/wrk";

/**
 * One-JS-block function through POST /api/fn on `next start`, side by side with a bare Node
 * http server computing the same answer natively, all loads through wrk (bench/lib/wrk.ts).
 * Issue 3's targets: throughput at least 12% of the bare server's at 16 clients, added p50 at 1
 * client under 1 ms, no errors at 64 clients; issue 11's session check: the signed-in call
 * beside the same call on the tree before sign-in.
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);

/** A call target: where, the bodies wrk sends, and the headers (the session) it needs. */
interface Target {
  url: string;
  bodies: string[];
  headers?: Record<string, string>;
}

const load = (t: Target, connections: number, seconds = SECONDS) => runWrk(t.url, { connections, seconds, bodies: t.bodies, headers: t.headers });

/** Latency at 1 client and errors at 64, one after the other. */
async function measure(t: Target) {
  await load(t, 4, 1.5); // warm-up
  const one = await load(t, 1);
  const sixtyFour = await load(t, 64);
  return { one, sixtyFour };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Each target measured in turn, over ROUNDS rounds: on a shared 2-core machine any figure drifts
 * by a third between minutes, so comparisons are taken within a round and the median reported.
 */
const ROUNDS = 3;

export interface ApiBenchFigures {
  bare: Record<"one" | "sixteen" | "sixtyFour", LoadResult>;
  lathe: Record<"one" | "sixteen" | "sixtyFour", LoadResult>;
  ratios: number[];
  /** The session check: the same call on the tree before sign-in, beside it in the same run. */
  session: { p50Added: number[]; throughputRatio: number[]; before: { p50: number; rps: number }; after: { p50: number; rps: number } };
}

export async function apiCallBench(): Promise<ApiBenchFigures> {
  requireWrk();
  return withLathe(async (server) =>
    withBaseline(async (before) => {
      const baseline = await bareServer();
      try {
        const { fnId } = await createFunction(server.url, "add", callDefinition(1));
        const old = await createFunction(before.url, "add", callDefinition(1));
        const bare: Target = { url: baseline.url, bodies: callBodies("bare") };
        const beforeSignIn: Target = { url: `${before.url}/api/fn`, bodies: callBodies(old.fnId) };
        const signedIn: Target = { url: `${server.url}/api/fn`, bodies: callBodies(fnId), headers: { cookie: server.cookie } };
        const b1 = await measure(bare);
        const l1 = await measure(signedIn);
        await load(beforeSignIn, 4, 1.5); // warm-up

        // Bare, before sign-in and signed in, in turn, at 1 and at 16 clients.
        const targets = [bare, beforeSignIn, signedIn];
        const oneRounds: LoadResult[][] = [[], []];
        const sixteenRounds: LoadResult[][] = [[], [], []];
        for (let r = 0; r < ROUNDS; r++) {
          for (const [k, t] of targets.slice(1).entries()) oneRounds[k].push(await load(t, 1, SECONDS / 2));
          for (const [k, t] of targets.entries()) sixteenRounds[k].push(await load(t, 16));
        }
        const p50Added = oneRounds[1].map((after, r) => after.p50 - oneRounds[0][r].p50);
        const throughputRatio = sixteenRounds[2].map((after, r) => after.rps / sixteenRounds[1][r].rps);
        const ratios = sixteenRounds[2].map((after, r) => after.rps / sixteenRounds[0][r].rps);
        const mid = (rs: LoadResult[]) => [...rs].sort((a, b) => a.rps - b.rps)[Math.floor(rs.length / 2)];
        const b = { ...b1, sixteen: mid(sixteenRounds[0]) };
        const l = { ...l1, sixteen: mid(sixteenRounds[2]) };
        const beforeFig = { p50: median(oneRounds[0].map((x) => x.p50)), rps: median(sixteenRounds[1].map((x) => x.rps)) };
        const afterFig = { p50: median(oneRounds[1].map((x) => x.p50)), rps: median(sixteenRounds[2].map((x) => x.rps)) };

        console.log("\nPOST /api/fn, one JavaScript block, the production server (wrk measures both, in the same run):\n");
        console.log(
          table([
            ["", "bare node http", "lathe /api/fn", "lathe vs bare", "target"],
            ["calls/s at 16 clients (median round)", num(b.sixteen.rps), num(l.sixteen.rps), `${(100 * median(ratios)).toFixed(1)}%`, ">= 12%"],
            ["  ratio in each round", "", "", ratios.map((x) => `${(100 * x).toFixed(1)}%`).join(" "), ""],
            ["p50 at 1 client", ms(b.one.p50), ms(l.one.p50), `+${ms(l.one.p50 - b.one.p50)}`, "< +1 ms"],
            ["p99 at 1 client", ms(b.one.p99), ms(l.one.p99), `+${ms(l.one.p99 - b.one.p99)}`, ""],
            ["calls/s at 64 clients", num(b.sixtyFour.rps), num(l.sixtyFour.rps), "", ""],
            ["errors at 64 clients", String(b.sixtyFour.errors), String(l.sixtyFour.errors), JSON.stringify(l.sixtyFour.errorKinds), "0"],
          ]),
        );
        console.log(`\nThe session check on POST /api/fn: signed in, beside the same call before sign-in (${BEFORE_SIGN_IN}, no session), in turn, ${ROUNDS} rounds:\n`);
        console.log(
          table([
            ["", "before sign-in", "signed in", "session check", "target"],
            ["p50 at 1 client (median round)", ms(beforeFig.p50), ms(afterFig.p50), `+${ms(median(p50Added))}`, "<= +0.1 ms"],
            ["  added in each round", "", "", p50Added.map((x) => `${x >= 0 ? "+" : ""}${ms(x)}`).join(" "), ""],
            ["calls/s at 16 clients (median round)", num(beforeFig.rps), num(afterFig.rps), `${(100 * median(throughputRatio)).toFixed(1)}%`, ">= 95%"],
            ["  ratio in each round", "", "", throughputRatio.map((x) => `${(100 * x).toFixed(1)}%`).join(" "), ""],
          ]),
        );
        return { bare: b, lathe: l, ratios, session: { p50Added, throughputRatio, before: beforeFig, after: afterFig } };
      } finally {
        baseline.stop();
      }
    }),
  );
}
