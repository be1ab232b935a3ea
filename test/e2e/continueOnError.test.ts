/**
 * `pulumi up --continue-on-error`, as the template's workflow runs it: one membership change that
 * UMAPI refuses fails the run and is reported, and every change that does not depend on it is
 * still applied. (Without the flag the engine stops scheduling at the first error, and how many of
 * the others it had started depends on timing.)
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { numberedUsers } from "../support/users";
import { createStack, type TestStack } from "./harness";

const USERS = 20;

describe("an up with --continue-on-error", () => {
  let t: TestStack;
  const users = numberedUsers(USERS);

  beforeAll(async () => {
    t = await createStack({ program: "test/e2e/programs/scenario" });
    await t.setScenario({ users });
    expect((await t.up()).summary.result).toBe("succeeded");
  }, 300_000);
  afterAll(async () => t?.dispose());

  it("applies every independent membership change and reports the one UMAPI refuses", async () => {
    const memberships = users.map((u) => ({ resource: `${u.resource}-ps`, user: u.email, group: "Photoshop Users" }));
    await t.setScenario({ users, memberships: [...memberships, { resource: "u1-missing", user: "user1@example.com", group: "No Such Group" }] });
    const res = await t.cli(["up", "--yes", "--skip-preview", "--continue-on-error"]);
    const out = res.stdout + res.stderr;
    expect(res.code, out).not.toBe(0);
    expect(out).toMatch(/u1-missing[\s\S]*No Such Group/);
    const members = t.emulator.state().users.filter((u) => u.groups.includes("Photoshop Users")).map((u) => u.email);
    expect(members.sort()).toEqual(users.map((u) => u.email).sort());
    const summary = /Resources:[\s\S]*?(\d+) created/.exec(res.stdout);
    console.log(`up --continue-on-error: exit ${res.code}; ${members.length} of ${USERS} memberships applied; ${summary?.[0].replace(/\s+/g, " ")}`);
    // The next run has only the refused change left.
    const preview = await t.cli(["preview", "--json"]);
    const steps = (JSON.parse(preview.stdout) as { steps: { op: string; urn: string }[] }).steps.filter((s) => s.op !== "same");
    expect(steps.map((s) => `${s.op} ${s.urn.split("::").at(-1)}`)).toEqual(["create u1-missing"]);
  }, 300_000);
});
