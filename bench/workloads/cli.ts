/**
 * End-to-end workloads through the real `pulumi` CLI against the time-scaled emulator: creating
 * users with memberships, refreshing a fully managed org, a no-change preview. Each reports the
 * UMAPI requests sent, the lower bound, the naive count (the same workload in the per-resource
 * mode, measured in the same run) and the provider process's peak memory.
 */
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createStack, type StackOptions } from "../../scripts/lib/localStack";
import type { Row } from "../report";

const PROGRAM = "examples/large-org";
/** The per-resource mode: one command a request, nothing merged, one GET per object. */
const NAIVE_ENV = { UMAPI_COMMANDS_PER_REQUEST: "1", UMAPI_READ_MODE: "perObject" };

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

/** The throttle's best time for `requests` requests at `perMinute`: the first window's worth go at once. */
const throttleBoundMs = (requests: number, perMinute: number, timeScale: number) => ((Math.max(1, Math.ceil(requests / perMinute)) - 1) * 60_000) / timeScale;

export interface CreateRun {
  users: number;
  parallel: number;
  timeScale: number;
  /** Skip the file backend's checkpoint after every step (PULUMI_SKIP_CHECKPOINTS). */
  skipCheckpoints: boolean;
  /** Memberships as GroupMembership resources, one command a request, nothing merged. */
  naive?: boolean;
}

export async function cliCreate(run: CreateRun): Promise<Row> {
  const env: Record<string, string> = { PULUMI_PARALLEL: String(run.parallel), ...(run.skipCheckpoints ? { PULUMI_SKIP_CHECKPOINTS: "true" } : {}), ...(run.naive ? NAIVE_ENV : {}) };
  const { t, peakMb } = await stack({ config: { users: String(run.users), memberships: "2", membershipStyle: run.naive ? "edges" : "inline" } }, run.timeScale, env);
  try {
    const start = Date.now();
    const res = await t.up();
    const wallMs = Date.now() - start;
    const m = t.emulator.metrics();
    // 1,000 users with 2 groups each: one command per user (the groups travel in the create).
    const lowerBound = Math.ceil(run.users / 10);
    return {
      workload: `cli: create ${run.users} users x2 memberships, ${run.naive ? "naive (edges, 1 command/request)" : "inline"}, PULUMI_PARALLEL=${run.parallel}, checkpoints ${run.skipCheckpoints ? "skipped" : "on"}`,
      requests: m.requests.action,
      lowerBound,
      throttled: m.throttled,
      timeScale: run.timeScale,
      wallMs,
      boundMs: throttleBoundMs(run.naive ? m.requests.action : lowerBound, 10, run.timeScale),
      peakRssMb: peakMb(),
      note: `${res.summary.result}; ${m.actionCommands} commands; commands a request ${batchSizes(t.emulator.requests())}; ${actionSpan(t.emulator.requests(), start)}; reads users ${m.requests.users}, user ${m.requests.user}, groups ${m.requests.groups}`,
    };
  } finally {
    await t.dispose();
  }
}

/** When the first and the last action request arrived, from the start of `pulumi up`. */
function actionSpan(requests: { endpointClass: string | null; at: number }[], start: number): string {
  const at = requests.filter((r) => r.endpointClass === "action").map((r) => (r.at - start) / 1000);
  return at.length ? `action requests from +${Math.min(...at).toFixed(1)} s to +${Math.max(...at).toFixed(1)} s` : "no action request";
}

/** "10x95 9x3 1x2": how many action requests carried how many commands. */
function batchSizes(requests: { endpointClass: string | null; body?: unknown }[]): string {
  const counts = new Map<number, number>();
  for (const r of requests) if (r.endpointClass === "action" && Array.isArray(r.body)) counts.set(r.body.length, (counts.get(r.body.length) ?? 0) + 1);
  return [...counts].sort((a, b) => b[0] - a[0]).map(([size, n]) => `${size}x${n}`).join(" ");
}

/**
 * Creating 1,000 users with 2 memberships each. Scale 10 (a UMAPI minute lasts 6 s) keeps the
 * throttle, not this 2-core machine's engine, the limit; scale 60 shows the engine's own floor.
 */
export async function cliCreates(users = 1000): Promise<Row[]> {
  const naive = await cliCreate({ users, parallel: 64, timeScale: 600, skipCheckpoints: true, naive: true });
  const rows = [
    await cliCreate({ users, parallel: 64, timeScale: 10, skipCheckpoints: true }),
    await cliCreate({ users, parallel: 8, timeScale: 10, skipCheckpoints: true }),
    await cliCreate({ users, parallel: 64, timeScale: 60, skipCheckpoints: true }),
    await cliCreate({ users, parallel: 64, timeScale: 60, skipCheckpoints: false }),
  ];
  for (const r of rows) r.naive = naive.requests;
  return [...rows, naive];
}

const readRequests = (m: { requests: { users: number; user: number; groups: number } }) => m.requests.users + m.requests.user + m.requests.groups;

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
    const snapPeak = peakMb();

    // Provider settings reach `refresh` from the last `up` (the provider's recorded inputs), so the
    // per-object mode is switched on through the environment, which the settings fall back to.
    t.emulator.resetMetrics();
    t.envVars.UMAPI_READ_MODE = "perObject";
    start = Date.now();
    const naiveRun = await t.cli(["refresh", "--yes", "--skip-preview"]);
    const naiveMs = Date.now() - start;
    delete t.envVars.UMAPI_READ_MODE;
    if (naiveRun.code !== 0) throw new Error(`per-object refresh failed: ${naiveRun.stderr || naiveRun.stdout}`);
    const naive = t.emulator.metrics();
    const naiveRequests = readRequests(naive);
    return [
      { workload: `cli: adopt an org of ${users} users + ${groups} groups (up)`, requests: adopt.requests.action, lowerBound: 0, timeScale, wallMs: adoptMs, peakRssMb: snapPeak, note: `action requests; reads users ${adopt.requests.users}, user ${adopt.requests.user}, groups ${adopt.requests.groups}` },
      {
        workload: `cli: refresh ${users} users + ${groups} groups, fully managed, snapshot`,
        requests: readRequests(snap),
        lowerBound: userPages + groupPages,
        naive: naiveRequests,
        throttled: snap.throttled,
        timeScale,
        wallMs: refreshMs,
        boundMs: throttleBoundMs(userPages, 25, timeScale),
        peakRssMb: snapPeak,
        note: `users ${snap.requests.users}, user ${snap.requests.user}, groups ${snap.requests.groups}`,
      },
      {
        workload: `cli: the same refresh, naive (UMAPI_READ_MODE=perObject)`,
        requests: naiveRequests,
        lowerBound: userPages + groupPages,
        throttled: naive.throttled,
        timeScale,
        wallMs: naiveMs,
        boundMs: throttleBoundMs(naive.requests.user, 25, timeScale),
        note: `users ${naive.requests.users}, user ${naive.requests.user}, groups ${naive.requests.groups}`,
      },
    ];
  } finally {
    await t.dispose();
  }
}

/** A no-change preview of a stack of `users` users: 0 UMAPI requests, in both modes. */
export async function cliNoChangePreview(users: number, timeScale = 600): Promise<Row> {
  const { t } = await stack({ config: { users: String(users), memberships: "0" } }, timeScale, { PULUMI_PARALLEL: "64", PULUMI_SKIP_CHECKPOINTS: "true" });
  try {
    await t.up();
    t.emulator.resetMetrics();
    const start = Date.now();
    const res = await t.preview();
    const wallMs = Date.now() - start;
    const m = t.emulator.metrics();
    t.emulator.resetMetrics();
    Object.assign(t.envVars, NAIVE_ENV);
    const naiveRun = await t.cli(["preview"]);
    if (naiveRun.code !== 0) throw new Error(`per-resource preview failed: ${naiveRun.stderr || naiveRun.stdout}`);
    const naive = t.emulator.metrics();
    return { workload: `cli: no-change preview of ${users} resources`, requests: m.requests.total, lowerBound: 0, naive: naive.requests.total, timeScale, wallMs, note: `${JSON.stringify(res.changeSummary)}; diff never calls UMAPI, in either mode` };
  } finally {
    await t.dispose();
  }
}
