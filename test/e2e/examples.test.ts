/**
 * The examples through the real pulumi CLI and the policy pack: org-from-yaml converges and then
 * previews clean; violations stops at preview on each policy it breaks.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadOrgFile } from "../../provider";
import { createStack, REPO, type TestStack } from "./harness";
import { orgMismatches } from "./orgMatch";

const changesOtherThanSame = (summary: Record<string, number | undefined>) => Object.keys(summary).filter((k) => k !== "same");

describe("examples/org-from-yaml", () => {
  const dir = "examples/org-from-yaml";
  const policy = { policyPacks: ["policy"], policyPackConfigs: [`${dir}/policy-config.json`] };
  let t: TestStack;

  beforeAll(async () => {
    t = await createStack({ program: dir });
  }, 600_000);
  afterAll(async () => t?.dispose());

  it("up, with the policy pack, makes the emulator's default org match org.yaml", async () => {
    const res = await t.up(policy);
    expect(res.summary.result).toBe("succeeded");
    expect(orgMismatches(t.emulator.state(), loadOrgFile(path.join(REPO, dir, "org.yaml")))).toEqual([]);
    expect(res.outputs.counts?.value).toEqual({ users: 6, userGroups: 3, productProfiles: 3, adminRoles: 4, groupMembers: 1 });
  }, 300_000);

  it("a second preview shows no changes and sends no action request", async () => {
    t.emulator.resetMetrics();
    const res = await t.preview(policy);
    expect(changesOtherThanSame(res.changeSummary)).toEqual([]);
    expect(t.emulator.metrics().requests.action).toBe(0);
  }, 300_000);

  it("a broken org file stops preview with every problem located, without a stack trace", async () => {
    const broken = readFileSync(path.join(REPO, dir, "org.yaml"), "utf8").replace("    country: US", "    country: us").replace("firstName: Bob", "firstname: Bob");
    const file = path.join(mkdtempSync(path.join(tmpdir(), "umapi-broken-")), "org.yaml");
    writeFileSync(file, broken);
    const res = await t.cli(["preview", "--config", `orgFile=${file}`]);
    expect(res.code).not.toBe(0);
    expect(res.stdout).toContain(`${file}:16:14 users[0].country: must be an upper-case ISO 3166-1 alpha-2 code such as "US" or "DE"`);
    expect(res.stdout).toContain(`${file}:23:5 users[1].firstname: is not a known field (fix: did you mean "firstName"?)`);
    expect(res.stdout).not.toMatch(/^\s+at /m);
    rmSync(path.dirname(file), { recursive: true, force: true });
  }, 300_000);
});

describe("examples/violations", () => {
  const dir = "examples/violations";
  let t: TestStack;

  beforeAll(async () => {
    t = await createStack({ program: dir });
  }, 600_000);
  afterAll(async () => t?.dispose());

  it("preview with the policy pack reports each violation and fails before any change", async () => {
    const before = t.emulator.state();
    const res = await t.cli(["preview", "--policy-pack", path.join(REPO, "policy"), "--policy-pack-config", path.join(REPO, dir, "policy-config.json")]);
    expect(res.code).not.toBe(0);
    const reported = [...res.stdout.matchAll(/- \[(\w+)\] \[severity: \w+\]\s+([\w-]+)\s+\(pulumi-nodejs:dynamic\/umapi:(\w+): ([^)]+)\)/g)].map((m) => `${m[1]} ${m[2]} ${m[3]} ${m[4]}`);
    // org.yaml's users are declared in AdobeUsers sets: the report names the set, its message the user.
    expect(reported.sort()).toEqual([
      "advisory group-naming UserGroup group:design/team",
      "mandatory allowed-domains AdobeUsers users:40",
      "mandatory no-account-deletion AdobeUsers users:02",
      "mandatory protect-admins AdobeUsers users:35",
      "mandatory readonly-groups AdobeUsers users:56",
      "mandatory readonly-groups UserGroup group:shared designers",
    ]);
    for (const email of ["ivy@gmail.com", "grace@example.com", "jack@example.com", "henry@example.com"]) expect(res.stdout).toContain(email);
    expect(t.emulator.state()).toEqual(before);
  }, 300_000);
});
