/**
 * The policy pack as reviewers meet it: `pulumi preview/up --policy-pack policy` with the real CLI.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStack, type TestStack } from "./harness";

const PACK = { policyPacks: ["policy"] };
const user = (extra: Record<string, unknown> = {}) => ({ resource: "dana", identityType: "enterpriseID", email: "dana@example.com", firstName: "Dana", lastName: "Diaz", country: "US", ...extra });

describe("policy pack through the real CLI", () => {
  let t: TestStack;
  beforeAll(async () => void (t = await createStack({ program: "test/e2e/programs/scenario" })), 120_000);
  afterAll(async () => t?.dispose());

  it("a clean program passes", async () => {
    await t.setScenario({ users: [user()] });
    const res = await t.preview(PACK);
    expect(res.changeSummary.create).toBe(2); // the stack and the user
  }, 120_000);

  it("assigning _org_admin fails preview with the policy's message, and up changes nothing", async () => {
    await t.setScenario({ users: [user()], memberships: [{ resource: "dana-sysadmin", user: "dana@example.com", group: "_org_admin" }] });
    const before = t.emulator.state();
    await expect(t.preview(PACK)).rejects.toThrow(/no-unassignable-admin-roles/);
    t.emulator.resetMetrics();
    // `pulumi up` previews first: the mandatory violation stops it before any change.
    const up = await t.cli(["up", "--yes", "--policy-pack", path.resolve(__dirname, "../../policy")]);
    expect(up.code).not.toBe(0);
    expect(up.stdout + up.stderr).toContain("no-unassignable-admin-roles");
    expect(t.emulator.metrics().requests.action).toBe(0);
    expect(t.emulator.state()).toEqual(before);
  }, 120_000);

  it("a config file changes a policy's level and the outcome follows", async () => {
    await t.setScenario({ users: [user({ onDelete: "deleteAccount" })] });
    await expect(t.preview(PACK)).rejects.toThrow(/no-account-deletion/);
    const dir = mkdtempSync(path.join(tmpdir(), "policy-config-"));
    const config = path.join(dir, "policy-config.json");
    writeFileSync(config, JSON.stringify({ "no-account-deletion": "advisory" }));
    const res = await t.cli(["preview", "--policy-pack", path.resolve(__dirname, "../../policy"), "--policy-pack-config", config]);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/advisory[\s\S]*no-account-deletion|no-account-deletion[\s\S]*advisory/i);
  }, 120_000);
});
