/**
 * Upgrading a team's repository from the released 0.2.0 to this checkout: a stack created and
 * updated with the package built at the commit that set 0.2.0 (its template, its program, its
 * serialized provider in the state) is upgraded with `npm install` of this checkout's tarball. The
 * first preview then plans no change, and refresh, an edit, a rename and destroy work.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { pulumiBin } from "./harness";
import { ok, packPackage, run, type RunResult } from "./team/teamRepo";
import { releasedTarball } from "./upgrade/releasedPackage";

const FROM = "0.2.0";
const SDK = "3.248.0";

const orgYaml = (bea: { email: string; lastName: string; renamedFrom?: string }) => `settings:
  adopt: false
  removalBudget: 10
users:
  - email: ${bea.email}
${bea.renamedFrom ? `    renamedFrom: ${bea.renamedFrom}\n` : ""}    firstName: Bea
    lastName: ${bea.lastName}
    country: US
    groups: [Review Board, Photoshop Users]
  - email: cy@example.com
    firstName: Cy
    lastName: Cole
    country: US
    groups: [Review Board]
    adminRoles:
      - { role: userGroupAdmin, target: Review Board }
userGroups:
  - name: Review Board
    description: Reviews the designs
    productProfiles: [Acrobat Pro Users]
`;

/** The last `Resources:` summary of a run (an up prints its preview's first), on one line. */
const summary = (res: RunResult) => ([...res.stdout.matchAll(/Resources:[\s\S]*?(?=\n\n|Duration)/g)].at(-1)?.[0] ?? "").replace(/\s+/g, " ").trim();

describe(`upgrading a stack made with ${FROM} to this checkout`, () => {
  let emulator: RunningEmulator;
  let tmp: string;
  let project: string;
  let env: Record<string, string>;
  const transcript: string[] = [];
  const pulumi = async (args: string[], extra: Record<string, string> = {}) => {
    const res = await run("pulumi", [...args, "--stack", "prod", "--non-interactive"], { cwd: project, env: { ...env, ...extra } });
    const shown = args.map((a) => (a === emulator.clientSecret ? "<client secret>" : a));
    transcript.push(`$ ${Object.entries(extra).map(([k, v]) => `${k}=${v} `).join("")}pulumi ${shown.join(" ")}  -> exit ${res.code}${summary(res) ? `; ${summary(res)}` : ""}`);
    return res;
  };
  const user = (email: string) => emulator.state().users.find((u) => u.email === email);

  beforeAll(async () => {
    const released = await releasedTarball(FROM);
    transcript.push(`${FROM}: commit ${released.commit.slice(0, 12)}, tarball ${path.relative(process.cwd(), released.tarball)} (${released.built ? "built now" : "cached"})`);
    emulator = await startEmulator({ timeScale: 60 });
    tmp = mkdtempSync(path.join(tmpdir(), "umapi-upgrade-"));
    project = path.join(tmp, "adobe-org");
    env = {
      PATH: `${pulumiBin()}:${process.env.PATH}`,
      PULUMI_HOME: path.join(tmp, "pulumi-home"),
      PULUMI_BACKEND_URL: `file://${tmp}`,
      PULUMI_CONFIG_PASSPHRASE: "upgrade-passphrase",
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      UMAPI_TIME_SCALE: "60",
      npm_config_fund: "false",
      npm_config_audit: "false",
    };
    // The team's repository as 0.2.0 made it: its template, its program.
    ok(await run("tar", ["-xzf", released.tarball], { cwd: tmp, env }), "tar");
    ok(await run("pulumi", [
      "new", path.join(tmp, "package/templates/org-yaml"), "--dir", project, "--yes", "--non-interactive", "--stack", "prod", "--name", "adobe-org",
      "--config", `umapi:orgId=${emulator.orgId}`, "--config", `umapi:clientId=${emulator.clientId}`, "--config", `umapi:url=${emulator.umapiUrl}`, "--config", `umapi:imsUrl=${emulator.imsUrl}`,
    ], { cwd: tmp, env }), "pulumi new");
    ok(await pulumi(["config", "set", "--secret", "umapi:clientSecret", emulator.clientSecret]), "config set");
    ok(await run("npm", ["install", released.tarball, `@pulumi/pulumi@${SDK}`], { cwd: project, env }), `npm install ${FROM}`);
  }, 900_000);

  afterAll(async () => {
    console.log(`upgrade ${FROM} -> this checkout:\n${transcript.join("\n")}`);
    await emulator?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it(`${FROM} creates and updates the stack`, async () => {
    writeFileSync(path.join(project, "org.yaml"), orgYaml({ email: "bea@example.com", lastName: "Berg" }));
    ok(await pulumi(["up", "--yes"]), `pulumi up (${FROM})`);
    writeFileSync(path.join(project, "org.yaml"), orgYaml({ email: "bea@example.com", lastName: "Berger" }));
    ok(await pulumi(["up", "--yes"]), `pulumi up (${FROM}, an update)`);
    expect(user("bea@example.com")?.lastname).toBe("Berger");
    const installed = JSON.parse(readFileSync(path.join(project, "node_modules/pulumi-adobe-umapi/package.json"), "utf8")) as { version: string };
    expect(installed.version).toBe(FROM);
    expect(existsSync(path.join(project, "node_modules/pulumi-adobe-umapi/dist/provider/resources/plan.js"))).toBe(false);
  }, 300_000);

  it("after npm install of this checkout's tarball, the preview plans no change", async () => {
    const tarball = await packPackage(tmp);
    ok(await run("npm", ["install", tarball], { cwd: project, env }), "npm install (upgrade)");
    transcript.push(`$ npm install ${path.basename(tarball)}  (this checkout)`);
    // The same version number: the validated preview (plan.js), which came after 0.2.0, tells the copies apart.
    expect(existsSync(path.join(project, "node_modules/pulumi-adobe-umapi/dist/provider/resources/plan.js"))).toBe(true);
    emulator.resetMetrics();
    const res = ok(await pulumi(["preview", "--expect-no-changes"]), "pulumi preview --expect-no-changes");
    expect(summary(res)).toMatch(/unchanged/);
    expect(emulator.metrics().requests.action).toBe(0);
    // As the template's pull requests preview: 0.2.0 recorded no plan basis, and the preview says so.
    const validated = ok(await pulumi(["preview", "--expect-no-changes"], { UMAPI_VALIDATE_ON_PREVIEW: "true" }), "validated preview");
    expect(validated.stdout).toContain("umapi: this preview is not validated: the last update recorded no plan basis (umapiPlan)");
    expect(emulator.metrics().requests.action).toBe(0);
  }, 300_000);

  it("refresh reads the org, changes nothing in it, and records the org of each resource", async () => {
    const orgIds = async () => {
      const { deployment } = JSON.parse(ok(await run("pulumi", ["stack", "export", "--stack", "prod"], { cwd: project, env }), "stack export").stdout) as { deployment: { resources: { type: string; outputs?: { orgId?: string } }[] } };
      return deployment.resources.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/umapi:")).map((r) => r.outputs?.orgId);
    };
    // 0.2.0 wrote no orgId (org pinning came later); the upgraded provider records it at the refresh.
    expect(await orgIds()).toEqual([undefined, undefined, undefined, undefined, undefined]);
    const before = emulator.state();
    ok(await pulumi(["refresh", "--yes"]), "pulumi refresh");
    expect(emulator.state()).toEqual(before);
    expect(await orgIds()).toEqual(Array(5).fill(emulator.orgId));
    ok(await pulumi(["preview", "--expect-no-changes"]), "pulumi preview --expect-no-changes (after refresh)");
  }, 300_000);

  it("an edit and a rename apply as updates", async () => {
    writeFileSync(path.join(project, "org.yaml"), orgYaml({ email: "bea@example.com", lastName: "Brook" }));
    ok(await pulumi(["up", "--yes"]), "pulumi up (an edit)");
    expect(user("bea@example.com")?.lastname).toBe("Brook");

    writeFileSync(path.join(project, "org.yaml"), orgYaml({ email: "bea.brook@example.com", lastName: "Brook", renamedFrom: "bea@example.com" }));
    const preview = ok(await pulumi(["preview", "--json"]), "pulumi preview (a rename)");
    const ops = (JSON.parse(preview.stdout) as { steps: { op: string }[] }).steps.map((s) => s.op).filter((op) => op !== "same");
    expect(ops.length).toBeGreaterThan(0);
    expect(ops.every((op) => op === "update")).toBe(true);
    ok(await pulumi(["up", "--yes"]), "pulumi up (a rename)");
    expect(user("bea@example.com")).toBeUndefined();
    expect(user("bea.brook@example.com")?.groups).toEqual(expect.arrayContaining(["Review Board", "Photoshop Users"]));
    ok(await pulumi(["preview", "--expect-no-changes"]), "pulumi preview --expect-no-changes (after the rename)");
  }, 300_000);

  it("destroy removes what the stack made", async () => {
    ok(await pulumi(["destroy", "--yes"], { UMAPI_ALLOW_REMOVALS: "all" }), "pulumi destroy");
    expect(user("bea.brook@example.com")).toBeUndefined();
    expect(user("cy@example.com")).toBeUndefined();
    expect(emulator.state().groups.some((g) => g.groupName === "Review Board")).toBe(false);
  }, 300_000);
});
