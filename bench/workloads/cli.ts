/**
 * End-to-end workloads through the real `pulumi` CLI against the time-scaled emulator: creating
 * users with memberships, refreshing a fully managed org, a no-change preview. Each reports the
 * UMAPI requests sent, the lower bound, the naive count (the same workload one command or one
 * object per request, in the same run) and the provider process's peak memory.
 */
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createStack, type StackOptions } from "../../scripts/lib/localStack";
import type { Row } from "../report";

const PROGRAM = "examples/large-org";

function statsEnv(): { env: Record<string, string>; peakMb: () => number | undefined } {
  const dir = mkdtempSync(path.join(tmpdir(), "umapi-stats-"));
  return {
    env: { UMAPI_STATS_FILE: path.join(dir, "provider") },
    peakMb: () => {
      const all = readdirSync(dir).map((f) => JSON.parse(readFileSync(path.join(dir, f), "utf8")) as { maxRssMb: number });
      return all.length ? Math.max(...all.map((s) => s.maxRssMb)) : undefined;
    },
  };
}

async function stack(opts: Omit<StackOptions, "program">, timeScale: number, extraEnv: Record<string, string> = {}) {
  const stats = statsEnv();
  const t = await createStack({ program: PROGRAM, ...opts, emulator: { timeScale, ...opts.emulator }, env: { UMAPI_TIME_SCALE: String(timeScale), ...stats.env, ...extraEnv } });
  return { t, peakMb: stats.peakMb };
}

const throttleBoundMs = (actionRequests: number, timeScale: number) => ((Math.ceil(actionRequests / 10) - 1) * 60_000) / timeScale;

/** Create `users` users with 2 memberships each; `naive` sends memberships as edges, one command a request. */
export async function cliCreate(users: number, parallel: number, naive = false, timeScale = 60, env: Record<string, string> = {}): Promise<Row> {
  const { t, peakMb } = await stack(
    { config: { users: String(users), memberships: "2", membershipStyle: naive ? "edges" : "inline" } },
    timeScale,
    { PULUMI_PARALLEL: String(parallel), ...(naive ? { UMAPI_COMMANDS_PER_REQUEST: "1" } : {}), ...env },
  );
  try {
    const start = Date.now();
    const res = await t.up();
    const wallMs = Date.now() - start;
    const m = t.emulator.metrics();
    const lowerBound = Math.ceil(users / 10);
    return {
      workload: `cli: create ${users} users x2 memberships, ${naive ? "naive (edges, 1 command/request)" : "inline"}, PULUMI_PARALLEL=${parallel}${Object.keys(env).length ? " " + Object.entries(env).map(([k, v]) => `${k}=${v}`).join(" ") : ""}, scale ${timeScale}`,
      requests: m.requests.action,
      lowerBound,
      naive: naive ? undefined : users * 3,
      throttled: m.throttled,
      wallMs,
      boundMs: throttleBoundMs(lowerBound, timeScale),
      peakRssMb: peakMb(),
      note: `${res.summary.result}; ${m.actionCommands} commands; reads users ${m.requests.users}, user ${m.requests.user}, groups ${m.requests.groups}`,
    };
  } finally {
    await t.dispose();
  }
}

/** Refresh of a fully managed org (adopted from the emulator's generated org), snapshot vs per object. */
export async function cliRefresh(users: number, groups: number, timeScale = 600): Promise<Row[]> {
  // 10,000 resources: the file backend rewrites the whole state after every step, so skip the
  // intermediate checkpoints (README "Large orgs").
  const { t, peakMb } = await stack({ config: { users: String(users), groups: String(groups), shape: "adopt" }, emulator: { generate: { users, groups } } }, timeScale, { PULUMI_PARALLEL: "64", PULUMI_SKIP_CHECKPOINTS: "true" });
  try {
    let start = Date.now();
    await t.up();
    const adoptMs = Date.now() - start;
    const adopt = t.emulator.metrics();
    const userPages = Math.ceil((users + 1) / 2000);
    const groupPages = Math.ceil((groups + 8) / 400);
    t.emulator.resetMetrics();
    start = Date.now();
    await t.refresh();
    const refreshMs = Date.now() - start;
    const snap = t.emulator.metrics();
    const rows: Row[] = [
      { workload: `cli: adopt org of ${users} users + ${groups} groups (up)`, requests: adopt.requests.action, lowerBound: 0, note: `action requests; reads users ${adopt.requests.users}, groups ${adopt.requests.groups}`, wallMs: adoptMs, peakRssMb: peakMb() },
      {
        workload: `cli: refresh ${users} users + ${groups} groups, snapshot, scale ${timeScale}`,
        requests: snap.requests.users + snap.requests.user + snap.requests.groups,
        lowerBound: userPages + groupPages,
        naive: users + groups,
        throttled: snap.throttled,
        wallMs: refreshMs,
        boundMs: ((Math.ceil(userPages / 25) - 1) * 60_000) / timeScale,
        peakRssMb: peakMb(),
        note: `users ${snap.requests.users}, user ${snap.requests.user}, groups ${snap.requests.groups}`,
      },
    ];
    await t.stack.setConfig("umapi:readMode", { value: "perObject" });
    t.emulator.resetMetrics();
    start = Date.now();
    await t.refresh();
    const naive = t.emulator.metrics();
    rows.push({
      workload: `cli: refresh ${users} users, naive per-object mode, scale ${timeScale}`,
      requests: naive.requests.users + naive.requests.user + naive.requests.groups,
      lowerBound: userPages + groupPages,
      throttled: naive.throttled,
      wallMs: Date.now() - start,
      boundMs: ((Math.ceil(users / 25) - 1) * 60_000) / timeScale,
      note: `users ${naive.requests.users}, user ${naive.requests.user}, groups ${naive.requests.groups}`,
    });
    return rows;
  } finally {
    await t.dispose();
  }
}

/** A no-change preview of a stack of `users` users: 0 UMAPI requests. */
export async function cliNoChangePreview(users: number, timeScale = 600): Promise<Row> {
  const { t } = await stack({ config: { users: String(users), memberships: "0" } }, timeScale, { PULUMI_PARALLEL: "64", PULUMI_SKIP_CHECKPOINTS: "true" });
  try {
    await t.up();
    t.emulator.resetMetrics();
    const start = Date.now();
    const res = await t.preview();
    const m = t.emulator.metrics();
    return { workload: `cli: no-change preview of ${users} resources`, requests: m.requests.total, lowerBound: 0, wallMs: Date.now() - start, note: JSON.stringify(res.changeSummary) };
  } finally {
    await t.dispose();
  }
}
