/**
 * Faults, crashes and long throttles through the real CLI: the org always converges to the
 * declaration, with no duplicate and no orphan, and long waits are reported or refused clearly.
 */
import { spawn } from "node:child_process";
import { copyFileSync, existsSync, rmSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createStack, killByEnvironment, type TestStack } from "./harness";

const PROGRAM = "examples/large-org";
let t: TestStack | undefined;
afterEach(async () => {
  await t?.dispose();
  t = undefined;
});

/** The bench users the org holds, with their groups: must equal the declaration exactly. */
function benchUsers(stack: TestStack): Map<string, string[]> {
  const users = stack.emulator.state().users.filter((u) => u.email.startsWith("bench"));
  return new Map(users.map((u) => [u.email, [...u.groups].sort()]));
}

/** Kills the processes still running with this stack's backend in their environment (orphaned plugins). */

function declared(n: number, groups = ["Acrobat Pro Users", "Photoshop Users"]): Map<string, string[]> {
  return new Map(Array.from({ length: n }, (_, i) => [`bench${i + 1}@example.com`, groups]));
}

describe("reliability through the real CLI", () => {
  it("converges while 20% of requests fail (429/502/503/504) and 5% of write responses are lost", async () => {
    t = await createStack({
      program: PROGRAM,
      config: { users: "500", memberships: "2" },
      emulator: { timeScale: 600, faults: { status429: 0.05, status502: 0.05, status503: 0.05, status504: 0.05, responseLost: 0.05, retryAfterSeconds: 1, seed: 11 } },
      env: { UMAPI_TIME_SCALE: "600", UMAPI_MAX_ATTEMPTS: "12", PULUMI_PARALLEL: "64" },
    });
    const res = await t.up();
    expect(res.summary.result).toBe("succeeded");
    const m = t.emulator.metrics();
    const injected = Object.values(m.faults).reduce((a, b) => a + b, 0);
    expect(m.faults.responseLost).toBeGreaterThan(0);
    expect(injected).toBeGreaterThan(10);
    expect(benchUsers(t)).toEqual(declared(500));
    t.emulator.setFaults(null);
    const again = await t.preview();
    expect(Object.keys(again.changeSummary).filter((k) => k !== "same")).toEqual([]);
    console.log(`faults: ${JSON.stringify(m.faults)}; requests ${JSON.stringify(m.requests)}; commands ${m.actionCommands}`);
  }, 600_000);

  it("converges the same way with memberships packed on the group side and a pool of 3 clients", async () => {
    t = await createStack({
      program: PROGRAM,
      // Two user groups of the stack: every user is in both, through 1,000 GroupMembership edges.
      config: { users: "500", groups: "2", memberships: "2", membershipStyle: "edges" },
      emulator: { timeScale: 600, clients: 2, faults: { status429: 0.05, status502: 0.05, status503: 0.05, status504: 0.05, responseLost: 0.05, retryAfterSeconds: 1, seed: 12 } },
      env: { UMAPI_TIME_SCALE: "600", UMAPI_MAX_ATTEMPTS: "12", PULUMI_PARALLEL: "1000", PULUMI_SKIP_CHECKPOINTS: "true" },
    });
    await t.stack.setConfig("umapi:clients", { value: JSON.stringify(t.emulator.clients.slice(1)), secret: true });
    const res = await t.up();
    expect(res.summary.result).toBe("succeeded");
    const m = t.emulator.metrics();
    expect(m.faults.responseLost).toBeGreaterThan(0);
    expect(Object.keys(m.byClient)).toHaveLength(3);
    // The 1,000 edges went packed: user-group commands carried them (one command a user would be 1,000).
    const packed = t.emulator.requests().filter((r) => r.endpointClass === "action" && Array.isArray(r.body) && (r.body as { usergroup?: string }[]).some((c) => c.usergroup));
    expect(packed.length).toBeGreaterThan(0);
    expect(benchUsers(t)).toEqual(declared(500, ["Group 1", "Group 2"]));
    expect(t.emulator.state().users.filter((u) => u.email.startsWith("bench"))).toHaveLength(500);
    t.emulator.setFaults(null);
    t.emulator.resetMetrics();
    const again = await t.cli(["up", "--yes", "--skip-preview"]);
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect(t.emulator.metrics().requests.action).toBe(0);
    console.log(`packed + pool faults: ${JSON.stringify(m.faults)}; action requests ${m.requests.action} (${packed.length} with user-group commands); by client ${JSON.stringify(m.byClient)}`);
  }, 600_000);

  it("recovers from kill -9 of `pulumi up` mid-run: cancel, refresh, up again", async () => {
    t = await createStack({ program: PROGRAM, config: { users: "300", memberships: "2" }, emulator: { timeScale: 10 }, env: { UMAPI_TIME_SCALE: "10", PULUMI_PARALLEL: "64" } });
    const stack = t;
    const bin = path.join(stack.envVars.PATH.split(":")[0]!, "pulumi");
    const child = spawn(bin, ["up", "--yes", "--skip-preview", "--stack", stack.stackName, "--non-interactive"], {
      cwd: path.resolve(__dirname, "../..", PROGRAM),
      env: { ...process.env, ...stack.envVars, PULUMI_HOME: path.join(path.dirname(stack.backendDir), "home") },
      detached: true,
      stdio: "ignore",
    });
    const exited = new Promise((r) => child.on("exit", r));
    for (let i = 0; i < 600 && stack.emulator.metrics().actionCommands < 60; i++) await new Promise((r) => setTimeout(r, 100));
    expect(stack.emulator.metrics().actionCommands).toBeGreaterThanOrEqual(60);
    process.kill(-child.pid!, "SIGKILL"); // the CLI, the language host and the program
    await exited;
    killByEnvironment(`PULUMI_BACKEND_URL=${stack.envVars.PULUMI_BACKEND_URL}`); // the provider plugins run in process groups of their own
    const created = benchUsers(stack).size;
    expect(created).toBeGreaterThan(0);
    expect(created).toBeLessThan(300);

    // The documented recovery (README "Recovering from an interrupted up").
    let cancel = await stack.cli(["cancel", "--yes"]);
    if (/failed to load checkpoint/.test(cancel.stderr)) {
      // Killed while the file backend was writing the checkpoint: restore its own backup.
      const file = path.join(stack.backendDir, ".pulumi/stacks/umapi-large-org", `${stack.stackName}.json`);
      if (existsSync(`${file}.bak`)) copyFileSync(`${file}.bak`, file);
      cancel = await stack.cli(["cancel", "--yes"]);
      if (/failed to load checkpoint/.test(cancel.stderr)) {
        // No readable checkpoint at all: start the stack afresh; adoption takes the org back.
        rmSync(path.dirname(file).replace("/stacks/", "/locks/organization/") + "/" + stack.stackName, { recursive: true, force: true });
        for (const f of [file, `${file}.bak`, `${file}.attrs`, `${file}.bak.attrs`]) rmSync(f, { force: true });
        cancel = await stack.cli(["stack", "init"]);
      }
    }
    expect(cancel.code, cancel.stderr).toBe(0);
    const refresh = await stack.cli(["refresh", "--yes", "--clear-pending-creates"]);
    expect(refresh.code, refresh.stdout + refresh.stderr).toBe(0);
    const up = await stack.cli(["up", "--yes", "--config", "umapi:adopt=true"]);
    expect(up.code, up.stdout + up.stderr).toBe(0);
    expect(benchUsers(stack)).toEqual(declared(300));
    const again = await stack.cli(["preview", "--expect-no-changes"]);
    expect(again.code, again.stdout).toBe(0);
  }, 600_000);

  it("reports a long Retry-After while it lasts, then goes on", async () => {
    t = await createStack({ program: PROGRAM, config: { users: "5", memberships: "1" }, emulator: { timeScale: 60, faults: { longThrottle: { retryAfterSeconds: 360 } } } });
    const stack = t;
    const up = stack.up();
    for (let i = 0; i < 300 && !stack.output.join("").includes("umapi: waiting"); i++) await new Promise((r) => setTimeout(r, 100));
    expect(stack.output.join("")).toMatch(/umapi: waiting 6 s \(throttle, (users|action|groups)\)/);
    stack.emulator.setFaults(null);
    expect((await up).summary.result).toBe("succeeded");
  }, 120_000);

  it("turns a Retry-After beyond the cap into a clear error instead of a silent hang", async () => {
    t = await createStack({ program: PROGRAM, config: { users: "5", memberships: "1" }, emulator: { timeScale: 1, faults: { longThrottle: { retryAfterSeconds: 3244 } } }, env: { UMAPI_TIME_SCALE: "1" } });
    const started = Date.now();
    await expect(t.up()).rejects.toThrow(/asked to wait 3244 s, more than the configured cap \(maxWaitSeconds \/ UMAPI_MAX_WAIT_SECONDS\)/);
    expect(Date.now() - started).toBeLessThan(60_000);
  }, 120_000);
});
