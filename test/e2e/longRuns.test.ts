/**
 * Long runs and restarts through the real CLI: an `up` that outlives its access tokens keeps
 * working (each refused token gets one new token, never more), and an emulator restarted mid-`up`
 * from its state file lets the re-run converge with no duplicate and no orphan.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { createStack, type TestStack } from "./harness";
import { freePort } from "../support/freePort";
import { numberedUsers } from "../support/users";

const users = (n: number) => numberedUsers(n, { groups: ["Photoshop Users"] });

let t: TestStack | undefined;
afterEach(async () => {
  await t?.dispose();
  t = undefined;
});

describe("an up that outlives its tokens", () => {
  it("renews each refused token once, and finishes", async () => {
    // Tokens say 60 s but live 60 s / 60 = 1 s at the emulator; the up takes several seconds.
    t = await createStack({ program: "test/e2e/programs/scenario", emulator: { tokenLifetimeSeconds: 60, timeScale: 60, faults: { latencyMs: 150 } } });
    await t.setScenario({ users: users(40) });
    expect((await t.up()).summary.result).toBe("succeeded");
    const statuses = t.emulator.requests().map((r) => r.status);
    const refused = statuses.filter((s) => s === 401).length;
    const tokens = t.emulator.issuedTokens().length;
    expect(refused).toBeGreaterThan(0);
    // One token at the start, then at most one new token for each 401 (concurrent 401s share one).
    expect(tokens).toBeGreaterThanOrEqual(2);
    expect(tokens).toBeLessThanOrEqual(1 + refused);
    console.log(`tokens: ${refused} requests refused with 401, ${tokens} tokens issued, for ${statuses.length} UMAPI requests`);
    expect(t.emulator.state().users.filter((u) => u.email.startsWith("user"))).toHaveLength(40);
  }, 300_000);
});

describe("an emulator restarted mid-up from its state file", () => {
  let restarted: RunningEmulator | undefined;
  let dir: string | undefined;
  afterAll(async () => {
    await restarted?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("fails the interrupted up, and the re-run converges: every user once, the next preview clean", async () => {
    dir = mkdtempSync(path.join(tmpdir(), "umapi-restart-"));
    const statePath = path.join(dir, "org.json");
    const port = await freePort();
    t = await createStack({ program: "test/e2e/programs/scenario", emulator: { port, statePath, timeScale: 60, faults: { latencyMs: 300 } } });
    await t.setScenario({ users: users(60) });
    const first = t.cli(["up", "--yes", "--skip-preview"]);
    // Stop the emulator once some creates are in, and start it again from its state file.
    for (let i = 0; i < 600 && t.emulator.metrics().requests.action < 2; i++) await new Promise((r) => setTimeout(r, 50));
    const actionsBefore = t.emulator.metrics().requests.action;
    await t.emulator.close();
    // Down for longer than the client's retries last (0.25 + 0.5 + 1 s at scale 60): the up fails.
    await new Promise((r) => setTimeout(r, 4_000));
    restarted = await startEmulator({ port, statePath, timeScale: 60 });
    const firstRun = await first;
    console.log(`restart: stopped after ${actionsBefore} action requests; the interrupted up exited ${firstRun.code}; the restarted emulator held ${restarted.state().users.length} users`);
    const created = () => restarted!.state().users.filter((u) => u.email.startsWith("user"));
    expect(firstRun.code).not.toBe(0);
    // The documented answer to a failed run: run it again (creates are idempotent).
    const rerun = await t.cli(["up", "--yes"]);
    expect(rerun.code, rerun.stdout + rerun.stderr).toBe(0);
    expect(created()).toHaveLength(60);
    expect(new Set(created().map((u) => u.email)).size).toBe(60);
    const resources = ((await t.stack.exportStack()).deployment.resources as { type: string }[]).filter((r) => r.type.endsWith(":AdobeUser"));
    expect(resources).toHaveLength(60);
    restarted.resetMetrics();
    const preview = await t.cli(["preview", "--expect-no-changes"]);
    expect(preview.code, preview.stdout).toBe(0);
    expect(restarted.metrics().requests.total).toBe(0);
  }, 300_000);
});
