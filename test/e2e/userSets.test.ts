/**
 * org.yaml's two user layouts through the real CLI: a stack made with one AdobeUser per user (the
 * layout before 0.3) keeps it after the upgrade, with a clean preview; `settings.userResources:
 * sets` moves its users into AdobeUsers sets in one run that sends nothing to UMAPI and removes
 * nobody; the sets then manage the users as the AdobeUsers did.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStack, type TestStack } from "./harness";

const USERS = 12;
const file = (settings: string, extra = "") =>
  `settings:\n${settings}\nuserGroups:\n  - name: Crew\n    productProfiles: [Photoshop Users]\nusers:\n` +
  Array.from({ length: USERS }, (_, k) => `  - email: user${k + 1}@example.com\n    firstName: User\n    lastName: "${k + 1}"\n    groups: [Crew]\n`).join("") +
  extra;

interface Step {
  op: string;
  urn: string;
}

describe("from one AdobeUser per user to AdobeUsers sets", () => {
  let t: TestStack;
  let dir: string;
  let orgFile: string;
  const planned = async () => {
    const res = await t.cli(["preview", "--json"]);
    expect(res.code, res.stderr).toBe(0);
    const { steps = [] } = JSON.parse(res.stdout) as { steps?: Step[] };
    return steps.filter((s) => s.op !== "same").map((s) => `${s.op} ${s.urn.split("::")[2]!.split(":").at(-1)}`);
  };
  const crew = () => t.emulator.state().users.filter((u) => u.groups.includes("Crew")).map((u) => u.email).sort();

  beforeAll(async () => {
    t = await createStack({ program: ".", env: { PULUMI_SKIP_CHECKPOINTS: "true" } });
    dir = mkdtempSync(path.join(tmpdir(), "umapi-sets-"));
    orgFile = path.join(dir, "org.yaml");
    await t.stack.setConfig("orgFile", { value: orgFile });
    writeFileSync(orgFile, file("  userResources: perUser"));
    const up = await t.cli(["up", "--yes", "--skip-preview"]);
    expect(up.code, up.stdout + up.stderr).toBe(0);
  }, 300_000);
  afterAll(async () => {
    await t?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it("a stack made with one AdobeUser per user keeps that layout when the file says nothing: a clean preview", async () => {
    writeFileSync(orgFile, file("  adopt: false"));
    expect(await planned()).toEqual([]);
  }, 300_000);

  it("userResources: sets moves them in one run that sends nothing and removes nobody", async () => {
    const before = crew();
    writeFileSync(orgFile, file("  userResources: sets"));
    const steps = await planned();
    expect(steps.filter((s) => s === "delete AdobeUser")).toHaveLength(USERS);
    expect(steps.filter((s) => s === "create AdobeUsers").length).toBeGreaterThan(0);
    expect(steps.filter((s) => !["delete AdobeUser", "create AdobeUsers"].includes(s))).toEqual([]);
    t.emulator.resetMetrics();
    const up = await t.cli(["up", "--yes", "--skip-preview"]);
    expect(up.code, up.stdout + up.stderr).toBe(0);
    expect(up.stdout + up.stderr).toMatch(/moving 12 users from one AdobeUser resource each into AdobeUsers sets/);
    expect(t.emulator.metrics().requests.action).toBe(0);
    expect(crew()).toEqual(before);
    const resources = ((await t.stack.exportStack()).deployment.resources as { type: string }[]).map((r) => r.type.split(":").at(-1));
    expect(resources.filter((k) => k === "AdobeUser")).toEqual([]);
    expect(await planned()).toEqual([]);
  }, 300_000);

  it("the sets then manage the users: a new user and a changed one are one update of their sets", async () => {
    writeFileSync(orgFile, file("  userResources: sets", "  - email: new@example.com\n    firstName: New\n    lastName: User\n    groups: [Crew]\n").replace('lastName: "3"', 'lastName: "Three"'));
    const steps = await planned();
    expect(steps.every((s) => s === "update AdobeUsers")).toBe(true);
    const up = await t.cli(["up", "--yes", "--skip-preview"]);
    expect(up.code, up.stdout + up.stderr).toBe(0);
    expect(crew()).toContain("new@example.com");
    expect(t.emulator.state().users.find((u) => u.email === "user3@example.com")!.lastname).toBe("Three");
    expect(await planned()).toEqual([]);
  }, 300_000);
});
