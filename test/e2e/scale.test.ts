/**
 * Request counts at scale through the real CLI: creates are packed 10 commands a request with each
 * user's groups in its create command, a fully managed org is refreshed from pages, and the
 * per-object mode (the benchmarks' naive baseline) really reads object by object.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createStack, type TestStack } from "./harness";

const PROGRAM = "examples/large-org";
let t: TestStack | undefined;
afterEach(async () => {
  await t?.dispose();
  t = undefined;
});

describe("request counts through the real CLI", () => {
  it("creates 200 users with 2 memberships each in at most 1.1 x ceil(commands / 10) action requests", async () => {
    // The large-apply settings the README recommends. With the file backend's checkpoint after
    // every step the engine delivers resources in bursts; the benchmarks measure that case.
    t = await createStack({ program: PROGRAM, config: { users: "200", memberships: "2" }, emulator: { timeScale: 60 }, env: { UMAPI_TIME_SCALE: "60", PULUMI_PARALLEL: "64", PULUMI_SKIP_CHECKPOINTS: "true" } });
    const res = await t.up();
    expect(res.summary.result).toBe("succeeded");
    const m = t.emulator.metrics();
    console.log(`scale: 200 users x2 memberships: ${m.requests.action} action requests for ${m.actionCommands} commands`);
    expect(m.actionCommands).toBe(200);
    expect(m.requests.action).toBeLessThanOrEqual(22);
    expect(m.requests.users + m.requests.user).toBeLessThanOrEqual(1);
    expect(t.emulator.state().users.filter((u) => u.email.startsWith("bench") && u.groups.length === 2)).toHaveLength(200);

    t.emulator.resetMetrics();
    const again = await t.up();
    expect(again.summary.resourceChanges).toEqual({ same: 201 });
    expect(t.emulator.metrics().requests.total).toBe(0);
  }, 300_000);

  it("refreshes a fully managed org from one users page and one groups page; the per-object mode reads each user", async () => {
    const users = 300;
    t = await createStack({ program: PROGRAM, config: { users: String(users), groups: "20", shape: "adopt" }, emulator: { timeScale: 600, generate: { users, groups: 20 } }, env: { UMAPI_TIME_SCALE: "600", PULUMI_PARALLEL: "64" } });
    await t.up();
    expect(t.emulator.metrics().requests.action).toBe(0);

    t.emulator.resetMetrics();
    await t.refresh();
    expect(t.emulator.metrics().requests).toMatchObject({ users: 1, user: 0, groups: 1, action: 0 });

    // Provider settings reach `refresh` from the last `up`; the environment switches the mode for one run.
    t.emulator.resetMetrics();
    t.envVars.UMAPI_READ_MODE = "perObject";
    const naive = await t.cli(["refresh", "--yes", "--skip-preview"]);
    expect(naive.code, naive.stderr).toBe(0);
    expect(t.emulator.metrics().requests).toMatchObject({ users: 0, user: users, groups: 1, action: 0 });
  }, 300_000);
});
