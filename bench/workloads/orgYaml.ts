/**
 * An org.yaml stack for bulk workloads: the root program through the real CLI against a
 * time-scaled emulator, the org file in a temporary folder, checkpoints skipped (docs/large-orgs.md).
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { EmulatorOptions } from "../../emulator";
import { UmapiClient } from "../../provider/umapi/client";
import { createStack, type TestStack } from "../../scripts/lib/localStack";

interface Run {
  wallMs: number;
  metrics: ReturnType<TestStack["emulator"]["metrics"]>;
}

export interface OrgYamlStack {
  t: TestStack;
  client: UmapiClient;
  /** Writes the org file and runs `pulumi up`; returns its wall time and the emulator's metrics for it. */
  up(text: string, config?: Record<string, string>): Promise<Run>;
  /** Writes the org file and runs `pulumi preview` with `env` set. */
  preview(text: string, env?: Record<string, string>): Promise<Run>;
  dispose(): Promise<void>;
}

export async function orgYamlStack(emulator: EmulatorOptions & { timeScale: number }, env: Record<string, string> = {}, pool = 1): Promise<OrgYamlStack> {
  const t = await createStack({ program: ".", emulator, env: { UMAPI_TIME_SCALE: String(emulator.timeScale), PULUMI_SKIP_CHECKPOINTS: "true", PULUMI_PARALLEL: "10000", ...env } });
  const file = path.join(mkdtempSync(path.join(tmpdir(), "umapi-bench-")), "org.yaml");
  await t.stack.setConfig("orgFile", { value: file });
  if (pool > 1) await t.stack.setConfig("umapi:clients", { value: JSON.stringify(t.emulator.clients.slice(1, pool)), secret: true });
  const e = t.emulator;
  const client = new UmapiClient({ orgId: e.orgId, clientId: e.clientId, clientSecret: e.clientSecret, umapiUrl: e.umapiUrl, imsUrl: e.imsUrl, timeScale: emulator.timeScale }, {});
  const run = async (text: string, args: string[], env: Record<string, string> = {}): Promise<Run> => {
    writeFileSync(file, text);
    e.resetMetrics();
    Object.assign(t.envVars, env);
    const start = Date.now();
    const res = await t.cli(args).finally(() => {
      for (const k of Object.keys(env)) delete t.envVars[k];
    });
    const wallMs = Date.now() - start;
    if (res.code !== 0) throw new Error(`pulumi ${args[0]} failed: ${res.stdout.slice(-2000)}${res.stderr.slice(-2000)}`);
    return { wallMs, metrics: e.metrics() };
  };
  return {
    t,
    client,
    up: (text, config = {}) => run(text, ["up", "--yes", "--skip-preview", ...Object.entries(config).flatMap(([k, v]) => ["--config", `${k}=${v}`])]),
    preview: (text, env = {}) => run(text, ["preview"], env),
    dispose: () => t.dispose(),
  };
}

/** The throttle's time for `requests` at `perMinute` (requests / rate, the definition), at a time scale. */
export const rateBoundMs = (requests: number, perMinute: number, timeScale: number) => ((requests / perMinute) * 60_000) / timeScale;
