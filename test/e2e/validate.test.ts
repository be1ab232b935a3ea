/**
 * A preview that UMAPI has checked (testOnly, reference §4.3), through the real CLI and the root
 * org.yaml program: a plan with three refusals only the server can see passes an ordinary preview
 * and fails a validated one, naming each; the same plan without them is validated with testOnly
 * requests only and leaves the org byte-for-byte as it was; a no-change preview sends nothing.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultSeed } from "../../emulator";
import { createStack, type TestStack } from "./harness";

const BASE_USERS = `
  - email: bea@example.com
    firstName: Bea
    lastName: Berg
    country: US
    groups: [Team]`;
const BASE_GROUPS = `
  - name: Team
    productProfiles: [Acrobat Pro Users]`;

const file = (users: string[] = [], groups: string[] = []) => `users:${BASE_USERS}${users.join("")}\nuserGroups:${BASE_GROUPS}${groups.join("")}\n`;

/** Three changes only UMAPI can refuse. */
const UNCLAIMED = `
  - email: zed@unclaimed.example
    firstName: Zed
    lastName: Zorn
    country: US`;
const OTHER_IDENTITY = `
  - email: ada@example.com
    firstName: Ada
    lastName: Adams
    country: US`;
const MISSING_PROFILE = `
  - name: Design
    productProfiles: [No Such Profile]`;

/** Changes UMAPI accepts: a new user, a new group with a real profile, a new membership. */
const GOOD_USER = `
  - email: cy@example.com
    firstName: Cy
    lastName: Cole
    country: US
    groups: [Team, Review]`;
const GOOD_GROUP = `
  - name: Review
    productProfiles: [Photoshop Users]`;

describe("a preview that UMAPI has checked", () => {
  let t: TestStack;
  let dir: string;
  let orgFile: string;
  const write = (text: string) => writeFileSync(orgFile, text);
  /** A preview with UMAPI_VALIDATE_ON_PREVIEW set, as the template's CI does on pull requests. */
  const preview = async (validate: boolean, args = ["--diff"]) => {
    t.envVars.UMAPI_VALIDATE_ON_PREVIEW = String(validate);
    try {
      return await t.cli(["preview", ...args]);
    } finally {
      delete t.envVars.UMAPI_VALIDATE_ON_PREVIEW;
    }
  };

  beforeAll(async () => {
    // ada@example.com exists in the org as an Adobe ID.
    const seed = { ...defaultSeed, users: [...defaultSeed.users!, { type: "adobeID" as const, email: "ada@example.com", firstname: "Ada", lastname: "Adams" }] };
    t = await createStack({ program: ".", emulator: { seed } });
    dir = mkdtempSync(path.join(tmpdir(), "umapi-validate-"));
    orgFile = path.join(dir, "org.yaml");
    await t.stack.setConfig("orgFile", { value: orgFile });
    write(file());
    const up = await t.cli(["up", "--yes", "--skip-preview"]);
    expect(up.code, up.stdout + up.stderr).toBe(0);
  }, 300_000);
  afterAll(async () => {
    await t?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it("passes the refusals in an ordinary preview, and fails a validated one naming each with UMAPI's code", async () => {
    write(file([UNCLAIMED, OTHER_IDENTITY], [MISSING_PROFILE]));
    const plain = await preview(false);
    expect(plain.code, plain.stdout + plain.stderr).toBe(0);

    t.emulator.resetMetrics();
    const before = JSON.stringify(t.emulator.state());
    const checked = await preview(true);
    const out = checked.stdout + checked.stderr;
    expect(checked.code, out).not.toBe(0);
    expect(out).toMatch(/UMAPI refused 3 of the \d+ planned changes \(testOnly validation of this preview; nothing was changed\)/);
    expect(out).toMatch(/user:zed@unclaimed\.example: AdobeUser "zed@unclaimed\.example": create failed: .*error\.domain\.trust\.nonexistent/);
    expect(out).toMatch(/user:ada@example\.com: AdobeUser "ada@example\.com": already exists in the org as an adobeID, not an enterpriseID: set identityType to "adobeID"/);
    expect(out).toMatch(/profile:design:no such profile: UserGroupProductProfile "No Such Profile → Design": create failed: .*error\.group\.not_found/);
    expect(JSON.stringify(t.emulator.state())).toBe(before);
    console.log(out.slice(out.indexOf("error: UMAPI refused"), out.indexOf("Fix these")));
    const actions = t.emulator.requests().filter((r) => r.endpointClass === "action");
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.every((r) => r.path.endsWith("?testOnly=true"))).toBe(true);
    expect(t.emulator.metrics().actionCommands).toBe(0);
  }, 300_000);

  it("validates the same plan without them with testOnly requests only, and changes nothing in the org", async () => {
    write(file([GOOD_USER], [GOOD_GROUP]));
    t.emulator.resetMetrics();
    const before = JSON.stringify(t.emulator.state());
    const checked = await preview(true);
    const out = checked.stdout + checked.stderr;
    expect(checked.code, out).toBe(0);
    const line = /umapi: UMAPI validated (\d+) command\(s\) for (\d+) planned change\(s\) in (\d+) testOnly request\(s\)[^\n]*/.exec(out);
    expect(line, out).not.toBeNull();
    console.log(line![0]);
    const m = t.emulator.metrics();
    expect(Number(line![1])).toBe(m.actionCommandsTestOnly);
    expect(Number(line![3])).toBe(m.requests.action);
    expect(m.actionCommands).toBe(0);
    expect(t.emulator.requests().filter((r) => r.endpointClass === "action").every((r) => r.path.endsWith("?testOnly=true"))).toBe(true);
    expect(JSON.stringify(t.emulator.state())).toBe(before);

    // The up sends the same commands for real: validation cost no more than the up.
    t.emulator.resetMetrics();
    const up = await t.cli(["up", "--yes", "--skip-preview"]);
    expect(up.code, up.stdout + up.stderr).toBe(0);
    expect(t.emulator.metrics().actionCommands).toBeGreaterThanOrEqual(Number(line![1]));
    expect(t.emulator.metrics().requests.action).toBeGreaterThanOrEqual(Number(line![3]));
  }, 300_000);

  it("sends no request at all for a no-change preview, validation on or off", async () => {
    for (const validate of [true, false]) {
      t.emulator.resetMetrics();
      const res = await preview(validate, ["--expect-no-changes"]);
      expect(res.code, res.stdout + res.stderr).toBe(0);
      expect(t.emulator.metrics().requests.total).toBe(0);
      if (validate) expect(res.stdout).toMatch(/umapi: nothing to validate: no declared change \(0 requests\)/);
    }
  }, 300_000);
});

describe("a TypeScript program's validated preview (the validateOnPreview helper)", () => {
  let t: TestStack | undefined;
  afterAll(async () => t?.dispose());

  it("validates the changes of a program that exports validateOnPreview() as umapiPlan", async () => {
    t = await createStack({ program: "test/e2e/programs/scenario", config: { validate: "true" } });
    const bea = { resource: "bea", identityType: "enterpriseID", email: "bea@example.com", firstName: "Bea", lastName: "Berg", country: "US" };
    await t.setScenario({ users: [bea] });
    expect((await t.up()).summary.result).toBe("succeeded");
    await t.setScenario({ users: [bea, { ...bea, resource: "zed", email: "zed@unclaimed.example" }], memberships: [{ resource: "bea-ps", user: "bea@example.com", group: "Photoshop Users" }] });
    t.envVars.UMAPI_VALIDATE_ON_PREVIEW = "true";
    const refused = await t.cli(["preview"]);
    expect(refused.code).not.toBe(0);
    expect(refused.stdout + refused.stderr).toMatch(/UMAPI refused 1 of the 2 planned changes[\s\S]*- zed: AdobeUser "zed@unclaimed\.example": create failed: .*error\.domain\.trust\.nonexistent/);
    await t.setScenario({ users: [bea], memberships: [{ resource: "bea-ps", user: "bea@example.com", group: "Photoshop Users" }] });
    t.emulator.resetMetrics();
    const accepted = await t.cli(["preview"]);
    expect(accepted.code, accepted.stdout + accepted.stderr).toBe(0);
    expect(accepted.stdout).toMatch(/umapi: UMAPI validated 1 command\(s\) for 1 planned change\(s\) in 1 testOnly request\(s\)/);
    expect(t.emulator.metrics()).toMatchObject({ actionCommands: 0, actionCommandsTestOnly: 1 });
  }, 300_000);
});

describe("a new stack's first validated preview", () => {
  let t: TestStack | undefined;
  let dir: string;
  afterAll(async () => {
    await t?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("validates every planned create: a stack with no update has an empty basis", async () => {
    t = await createStack({ program: ".", env: { UMAPI_VALIDATE_ON_PREVIEW: "true" } });
    dir = mkdtempSync(path.join(tmpdir(), "umapi-validate-new-"));
    const orgFile = path.join(dir, "org.yaml");
    await t.stack.setConfig("orgFile", { value: orgFile });

    writeFileSync(orgFile, file([], [MISSING_PROFILE]));
    const refused = await t.cli(["preview"]);
    const out = refused.stdout + refused.stderr;
    expect(refused.code, out).not.toBe(0);
    expect(out).toMatch(/UMAPI refused 1 of the \d+ planned changes[\s\S]*profile:design:no such profile: .*error\.group\.not_found/);
    expect(out).not.toContain("this preview is not validated");

    writeFileSync(orgFile, file([GOOD_USER], [GOOD_GROUP]));
    t.emulator.resetMetrics();
    const accepted = await t.cli(["preview"]);
    expect(accepted.code, accepted.stdout + accepted.stderr).toBe(0);
    const line = /umapi: UMAPI validated (\d+) command\(s\) for (\d+) planned change\(s\)[^\n]*/.exec(accepted.stdout);
    expect(line, accepted.stdout).not.toBeNull();
    console.log(`first preview of a new stack: ${line![0]}`);
    // Every declared resource is a create: the two users, the two groups, their profiles and memberships.
    expect(Number(line![2])).toBeGreaterThanOrEqual(6);
    expect(t.emulator.metrics().actionCommands).toBe(0);
  }, 300_000);
});
