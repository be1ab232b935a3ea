/**
 * A refresh cannot empty a stack by mistake, through the real CLI: an inconsistent listing fails the
 * refresh with nothing dropped, and a refresh that finds more of the stack gone than the removal
 * budget drops at most the budget until the allowance says otherwise.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientFor } from "../integration/helpers";
import { numberedUsers } from "../support/users";
import { createStack, type TestStack } from "./harness";

const USERS = numberedUsers(12);

describe("refresh through the real CLI", () => {
  let t: TestStack;
  const usersInState = async () => ((await t.stack.exportStack()).deployment.resources as { type: string }[]).filter((r) => r.type.endsWith(":AdobeUser")).length;

  beforeAll(async () => {
    // Pages of 5 users: the org's 13 users (12 and the owner) take 3 pages.
    t = await createStack({ program: "test/e2e/programs/scenario", emulator: { pageSizes: { users: 5 } } });
    await t.setScenario({ users: USERS });
    expect((await t.up()).summary.result).toBe("succeeded");
  }, 180_000);
  afterAll(async () => t?.dispose());

  it("a listing that stays truncated fails the refresh, and no user leaves the state", async () => {
    t.emulator.setFaults({ listing: { kind: "truncated", endpoints: ["users"] } });
    const res = await t.cli(["refresh", "--yes"]);
    t.emulator.setFaults(null);
    expect(res.code).not.toBe(0);
    expect(res.stdout + res.stderr).toContain("with an inconsistent listing twice (page 0 said lastPage, but X-Page-Count is 3");
    expect(await usersInState()).toBe(12);
  }, 180_000);

  it("10 users deleted behind the stack's back: refresh stops at the budget of 5; the allowance drops them all", async () => {
    const admin = clientFor(t.emulator);
    await Promise.all(USERS.slice(0, 10).map((u) => admin.run({ user: u.email, do: [{ removeFromOrg: {} }] })));

    const refused = await t.cli(["refresh", "--yes"]);
    expect(refused.code).not.toBe(0);
    expect(refused.stdout + refused.stderr).toMatch(/refresh would drop it from the stack .*this run has reached its budget of 5 objects dropped from the stack/);
    expect(refused.stdout + refused.stderr).toContain("UMAPI_ALLOW_REFRESH_DROPS=");
    // At most the budget leaves the state (the engine keeps every user of a refresh that failed).
    expect(await usersInState()).toBeGreaterThanOrEqual(12 - 5);

    t.envVars.UMAPI_ALLOW_REFRESH_DROPS = "all";
    try {
      expect((await t.cli(["refresh", "--yes"])).code).toBe(0);
    } finally {
      delete t.envVars.UMAPI_ALLOW_REFRESH_DROPS;
    }
    expect(await usersInState()).toBe(2);
  }, 300_000);
});
