/**
 * No run empties an org, through the real CLI: the provider's removal breaker stops `pulumi destroy`
 * and TypeScript programs at the removal budget, UMAPI_ALLOW_REMOVALS lets an intended removal
 * through, and `pulumi stack rm --force` releases an org without touching it.
 */
import { afterEach, describe, expect, it } from "vitest";
import { generateOrg } from "../../emulator";
import { numberedUsers } from "../support/users";
import { createStack, type TestStack } from "./harness";

// 40 users in 3 user groups, plus the default org's owner: an org that existed before the stack.
const ORG = generateOrg({ users: 40, groups: 3 });
const adopted = (n: number) => ({
  groups: ["Group 1", "Group 2", "Group 3"].map((name, i) => ({ resource: `g${i + 1}`, name, adopt: true })),
  users: numberedUsers(n, { adopt: true }),
});
const orgUsers = (t: TestStack) => t.emulator.state().users.filter((u) => u.email.startsWith("user")).length;
const orgGroups = (t: TestStack) => t.emulator.state().groups.filter((g) => g.groupName.startsWith("Group ")).length;
const inState = async (t: TestStack) => ((await t.stack.exportStack()).deployment.resources as { type: string }[]).filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/umapi:")).length;

let t: TestStack | undefined;
afterEach(async () => {
  await t?.dispose();
  t = undefined;
});

async function adoptTheOrg(): Promise<TestStack> {
  const stack = await createStack({ program: "test/e2e/programs/scenario", emulator: { seed: ORG } });
  await stack.setScenario(adopted(40));
  expect((await stack.up()).summary.result).toBe("succeeded");
  expect(stack.emulator.metrics().requests.action).toBe(0);
  return stack;
}

describe("the removal breaker through the real CLI", () => {
  it("destroy of an adopted 40-user org removes at most the budget and fails with the breaker's message", async () => {
    t = await adoptTheOrg();
    t.emulator.resetMetrics();
    const res = await t.cli(["destroy", "--yes"]);
    expect(res.code).not.toBe(0);
    expect(res.stdout).toMatch(/removing it would take this run past its removal budget: this run has reached its budget of 5 user removals and user-group deletions \(the default, the larger of 5 and 2% of the org's 41 users\)/);
    expect(res.stdout).toContain("UMAPI_ALLOW_REMOVALS=");
    const removed = 40 - orgUsers(t) + (3 - orgGroups(t));
    console.log(`destroy breaker: ${40 - orgUsers(t)} users and ${3 - orgGroups(t)} groups removed before the breaker stopped the destroy, in ${t.emulator.metrics().requests.action} action requests`);
    expect(removed).toBeLessThanOrEqual(5);
    expect(orgUsers(t)).toBeGreaterThanOrEqual(35);
    // What was refused is still in the state: the re-run with the allowance finishes it.
    expect(await inState(t)).toBe(43 - removed);

    t.envVars.UMAPI_ALLOW_REMOVALS = "all";
    const allowed = await t.cli(["destroy", "--yes"]);
    delete t.envVars.UMAPI_ALLOW_REMOVALS;
    expect(allowed.code, allowed.stdout).toBe(0);
    expect([orgUsers(t), orgGroups(t)]).toEqual([0, 0]);
    expect(t.emulator.state().users.map((u) => u.email)).toEqual(["owner@example.com"]);
  }, 300_000);

  it("a TypeScript program that drops 30 of its users is stopped at the budget", async () => {
    t = await adoptTheOrg();
    await t.setScenario(adopted(10));
    const res = await t.cli(["up", "--yes"]);
    expect(res.code).not.toBe(0);
    expect(res.stdout).toContain("removing it would take this run past its removal budget");
    expect(40 - orgUsers(t)).toBeLessThanOrEqual(5);
  }, 300_000);

  it("pulumi stack rm --force releases the org from the stack and changes nothing in it", async () => {
    t = await adoptTheOrg();
    const before = t.emulator.state();
    t.emulator.resetMetrics();
    const res = await t.cli(["stack", "rm", "--force", "--yes"]);
    expect(res.code, res.stderr).toBe(0);
    expect(t.emulator.metrics().requests.total).toBe(0);
    expect(t.emulator.state()).toEqual(before);
  }, 300_000);
});
