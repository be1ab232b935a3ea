/**
 * `npm run bench -- scale`: an exported org of N users (one user group each) through the root
 * org.yaml program (what the template's index.js runs) and the real CLI, with the settings the
 * template's workflow gives a team, on the file and the S3 (moto) backends. Per size: adopt
 * (`pulumi up` of the export), a no-change preview, an edit of 10 users' first names, and a
 * reorganisation (every user joins a new user group). The naive baseline is the same rows with
 * per-step checkpoints, stopped after the first run over its time limit.
 */
import { mkdtempSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { UmapiClient } from "../../provider/umapi/client";
import { createStack, type TestStack } from "../../scripts/lib/localStack";
import { startS3Server, type S3Server } from "../../scripts/lib/s3Server";
import { sampleTree, type CpuMs, type PeakRss } from "./procTree";
import { scaleTable } from "./scaleReport";
import { scaleFiles, scaleSeed } from "../../scripts/lib/scaleOrg";
import { templateSettings, withCheckpoints, type CliSettings, type TemplateSettings } from "../../scripts/lib/templateSettings";

export type Backend = "file" | "s3";
export type Settings = "template" | "naive";
export type Operation = "adopt" | "preview" | "edit" | "reorg";

export interface ScaleOptions {
  sizes: number[];
  backends: Backend[];
  settings: Settings[];
  /** The emulator's time scale (600: UMAPI's throttle is not the limit). */
  timeScale: number;
  /** A naive run longer than this is killed and ends its series. */
  naiveLimitMs: number;
  /** A template run longer than this is killed and ends its series. */
  templateLimitMs: number;
}

export const DEFAULT_SCALE: ScaleOptions = {
  sizes: [1000, 2000, 5000, 10_000, 20_000, 50_000],
  backends: ["file", "s3"],
  settings: ["template", "naive"],
  timeScale: 600,
  naiveLimitMs: 15 * 60_000,
  templateLimitMs: 60 * 60_000,
};

export interface ScaleRow {
  users: number;
  operation: Operation;
  backend: Backend;
  settings: Settings;
  /** "ok", "timeout" (killed at the limit) or "failed" (the CLI exited non-zero). */
  result: "ok" | "timeout" | "failed";
  wallMs: number;
  /** UMAPI requests (action + read; IMS token requests not counted). */
  requests: number;
  actionRequests: number;
  readRequests: number;
  actionCommands: number;
  /** Bytes of the stack's checkpoint in the backend after the operation. */
  stateBytes: number | undefined;
  /** Peak RSS in bytes of the CLI, the program (the language host's node child) and the dynamic provider. */
  peakRss: PeakRss;
  /**
   * CPU milliseconds by process: `cli` (the engine, and the backend's client), `program`, `provider`,
   * `other` (language host, plugin shims), `s3` (the S3 server, on that backend) and `emulator` (this
   * process: the UMAPI emulator serving, and the sampler).
   */
  cpuMs: CpuMs;
  /** The CLI's flags and the workflow's environment the run used (secrets left out). */
  cli: string;
  /** The machine's 1-minute load average when the run started and when it ended (it is shared). */
  load: [number, number];
  note?: string;
}

interface Target {
  t: TestStack;
  s3?: S3Server;
  orgFile: string;
  client: UmapiClient;
}

async function openTarget(users: number, backend: Backend, timeScale: number): Promise<Target> {
  const s3 = backend === "s3" ? await startS3Server() : undefined;
  const env: Record<string, string> = { UMAPI_TIME_SCALE: String(timeScale), ...(s3 ? { PULUMI_BACKEND_URL: s3.backendUrl, ...s3.env } : {}) };
  const t = await createStack({ program: ".", emulator: { seed: scaleSeed(users), timeScale }, env });
  const orgFile = path.join(mkdtempSync(path.join(tmpdir(), "umapi-scale-")), "org.yaml");
  await t.stack.setConfig("orgFile", { value: orgFile });
  const e = t.emulator;
  const client = new UmapiClient({ orgId: e.orgId, clientId: e.clientId, clientSecret: e.clientSecret, umapiUrl: e.umapiUrl, imsUrl: e.imsUrl, timeScale }, {});
  return { t, s3, orgFile, client };
}

/** Bytes of the stack's checkpoint: the file under the file backend, the object in the bucket. */
async function stateBytes(target: Target): Promise<number | undefined> {
  const name = `${target.t.stackName}.json`;
  if (target.s3) {
    for (const [key, size] of await target.s3.sizes(".pulumi/stacks/")) if (key.endsWith(`/${name}`)) return size;
    return undefined;
  }
  const stacks = path.join(target.t.backendDir, ".pulumi/stacks");
  for (const project of readdirSync(stacks)) {
    try {
      return statSync(path.join(stacks, project, name)).size;
    } catch {
      /* another project's folder */
    }
  }
  return undefined;
}

interface RunSpec {
  operation: Operation;
  text: string;
  cli: CliSettings;
  limitMs: number;
}

async function runOperation(target: Target, spec: RunSpec): Promise<Omit<ScaleRow, "users" | "backend" | "settings">> {
  const { t } = target;
  writeFileSync(target.orgFile, spec.text);
  t.emulator.resetMetrics();
  const saved = { ...t.envVars };
  Object.assign(t.envVars, spec.cli.env);
  const args = spec.operation === "preview" ? ["preview", ...spec.cli.args] : ["up", "--yes", "--skip-preview", ...spec.cli.args];
  const loadAtStart = loadavg()[0]!;
  const start = Date.now();
  const running = t.startCli(args, { timeoutMs: spec.limitMs + 120_000 });
  const benchCpu = process.cpuUsage();
  const sampler = sampleTree(running.pid, 200, target.s3 ? { s3: target.s3.pid } : {});
  let timedOut = false;
  const killer = setTimeout(() => {
    timedOut = true;
    running.kill();
  }, spec.limitMs);
  const res = await running.done.finally(() => {
    clearTimeout(killer);
    for (const k of Object.keys(t.envVars)) delete t.envVars[k];
    Object.assign(t.envVars, saved);
  });
  const wallMs = Date.now() - start;
  const peakRss = sampler.stop();
  const own = process.cpuUsage(benchCpu);
  const cpuMs: CpuMs = { ...sampler.cpu(), emulator: (own.user + own.system) / 1000 };
  const m = t.emulator.metrics();
  const readRequests = m.requests.users + m.requests.user + m.requests.usersByGroup + m.requests.groups;
  const result = timedOut ? "timeout" : res.code === 0 ? "ok" : "failed";
  const envText = Object.entries(spec.cli.env).map(([k, v]) => `${k}=${v}`).join(" ");
  return {
    operation: spec.operation,
    result,
    wallMs,
    requests: m.requests.action + readRequests,
    actionRequests: m.requests.action,
    readRequests,
    actionCommands: m.actionCommands,
    stateBytes: await stateBytes(target),
    peakRss,
    cpuMs,
    cli: `${envText} pulumi ${args.join(" ")}`,
    load: [loadAtStart, loadavg()[0]!],
    ...(result === "failed" ? { note: `exit ${res.code}: ${(res.stderr || res.stdout).slice(-500)}` } : {}),
  };
}

/** One series: one backend, one settings, the sizes in order; stops after the first run that failed or overran. */
async function series(backend: Backend, settings: Settings, opts: ScaleOptions, template: TemplateSettings, onRow: (r: ScaleRow) => void): Promise<void> {
  const pick = (s: CliSettings) => (settings === "naive" ? withCheckpoints(s) : s);
  const limitMs = settings === "naive" ? opts.naiveLimitMs : opts.templateLimitMs;
  for (const users of opts.sizes) {
    process.stderr.write(`bench scale: ${users} users, ${backend}, ${settings}...\n`);
    const target = await openTarget(users, backend, opts.timeScale);
    try {
      const files = await scaleFiles(target.client);
      const specs: RunSpec[] = [
        { operation: "adopt", text: files.adopt, cli: pick(template.up), limitMs },
        { operation: "preview", text: files.adopt, cli: pick(template.preview), limitMs },
        { operation: "edit", text: files.edit, cli: pick(template.up), limitMs },
        { operation: "reorg", text: files.reorg, cli: pick(template.up), limitMs },
      ];
      for (const spec of specs) {
        const row: ScaleRow = { users, backend, settings, ...(await runOperation(target, spec)) };
        onRow(row);
        // The whole row as it will be in the table, so that a run stopped half-way keeps its figures.
        process.stderr.write(`  ${spec.operation}: ${scaleTable([row]).split("\n").at(-1)}\n`);
        if (row.result !== "ok") return;
      }
    } finally {
      await target.t.dispose();
      await target.s3?.stop();
    }
  }
}

export async function scale(opts: ScaleOptions = DEFAULT_SCALE): Promise<ScaleRow[]> {
  const template = templateSettings();
  const rows: ScaleRow[] = [];
  for (const settings of opts.settings) for (const backend of opts.backends) await series(backend, settings, opts, template, (r) => rows.push(r));
  return rows;
}
