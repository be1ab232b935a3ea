/**
 * A team's first day, outside this repository, running the commands of README.md's "Your org in
 * its own repository" and of the new repository's README ("First day") as written: the package's
 * tarball, a project from the template with `pulumi new`, the installs, an exported org, a preview
 * with the pack, the first commit. Then adopting `up`, a change, a refused change, the backend's
 * lock, destroy. The state is in an S3-compatible server, the backend kind of the template's
 * pipeline. Once on Node 20 with the oldest @pulumi/pulumi of the peer range and the package from a
 * clone (the README's form before it is on npm), once on Node 22 with the newest release and the
 * package from the registry (a stand-in that serves this checkout's tarball).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { EXPORT_SEED } from "../orgfile/fixtures";
import { REPO } from "./harness";
import { startS3Server, type S3Server } from "./team/s3Server";
import { startNpmRegistry, type NpmRegistry } from "./team/npmRegistry";
import { fillIn, runLines, shellBlocks, type FillIns, type Transcript } from "./team/readmeCommands";
import { ok, packPackage, run, RUNTIMES, teamEnv, type NodeRuntime, type RunResult } from "./team/teamRepo";
import { userSetOf } from "../../provider/orgfile/userSets";
import { workflowEnv } from "../../scripts/lib/templateSettings";

const PACK = ["--policy-pack", "policy", "--policy-pack-config", "policy/config.json"];

interface PreviewStep {
  op: string;
  urn: string;
}

/** The resources a `pulumi preview --json` plans to change, as `op name`. */
function plannedChanges(res: RunResult): string[] {
  const { steps = [] } = JSON.parse(res.stdout) as { steps?: PreviewStep[] };
  return steps.filter((s) => s.op !== "same").map((s) => `${s.op} ${s.urn.split("::").at(-1)}`).sort();
}

/** Where the package comes from: a clone of this repository (today), or npm's registry (once published). */
type Source = "clone" | "registry";
const CASES: (NodeRuntime & { source: Source })[] = [
  { ...RUNTIMES[0]!, source: "clone" },
  { ...RUNTIMES[1]!, source: "registry" },
];

describe.each(CASES)("a team's first day: $label, the package from the $source", (node) => {
  let emulator: RunningEmulator;
  let s3: S3Server;
  let registry: NpmRegistry | undefined;
  let tmp: string;
  let project: string;
  let env: Record<string, string>;
  let started = 0;
  const pulumi = (args: string[]) => run("pulumi", [...args, "--stack", "prod", "--non-interactive"], { cwd: project, env });
  const npm = (args: string[], cwd = project) => run("npm", args, { cwd, env });

  beforeAll(async () => {
    started = Date.now();
    emulator = await startEmulator({ seed: EXPORT_SEED, timeScale: 60 });
    s3 = await startS3Server();
    tmp = mkdtempSync(path.join(tmpdir(), "umapi-team-"));
    project = path.join(tmp, "adobe-org");
    // The backend is the README's `pulumi login`; the passphrase and the AWS credentials are the team's shell's.
    env = teamEnv(node, {
      // What the template's workflow sets for every job (PULUMI_SKIP_CHECKPOINTS among it), as CI runs the team's commands.
      ...workflowEnv(),
      ...s3.env,
      PULUMI_HOME: path.join(tmp, "pulumi-home"),
      PULUMI_CONFIG_PASSPHRASE: "team-passphrase",
      UMAPI_TIME_SCALE: "60",
      // umapi-export reads the org's endpoints here: the emulator stands for Adobe's.
      UMAPI_URL: emulator.umapiUrl,
      UMAPI_IMS_URL: emulator.imsUrl,
      GIT_AUTHOR_NAME: "Team",
      GIT_AUTHOR_EMAIL: "team@example.com",
      GIT_COMMITTER_NAME: "Team",
      GIT_COMMITTER_EMAIL: "team@example.com",
    });
  }, 120_000);

  afterAll(async () => {
    await s3?.stop();
    await registry?.stop();
    await emulator?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
    console.log(`team flow (${node.label}): ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });

  it("the README's commands, as written, make a committed repository and a clean preview with the pack", async () => {
    const readme = readFileSync(path.join(REPO, "README.md"), "utf8");
    const [main, cloneFirstLine, cloneInstall] = shellBlocks(readme, "Your org in its own repository");
    expect(main![0]).toMatch(/^npm pack pulumi-adobe-umapi /);
    const fill: FillIns = {
      backendUrl: s3.backendUrl,
      orgId: emulator.orgId,
      clientId: emulator.clientId,
      clientSecret: emulator.clientSecret,
      clonePath: REPO,
      // The prompts' answers; the endpoints point the stack at the emulator instead of Adobe.
      newAnswers: ["--yes", "--non-interactive", "--name", "adobe-org", "--description", "'Our Adobe org'",
        "--config", `umapi:orgId=${emulator.orgId}`, "--config", `umapi:clientId=${emulator.clientId}`,
        "--config", `umapi:url=${emulator.umapiUrl}`, "--config", `umapi:imsUrl=${emulator.imsUrl}`],
      afterNew: [`pulumi config set --secret umapi:clientSecret ${emulator.clientSecret} --stack prod --cwd adobe-org`],
    };
    const fillAll = (lines: string[]) => lines.flatMap((l) => fillIn(l, fill));
    const transcript: Transcript = { lines: [], results: [] };
    if (node.source === "registry") {
      registry = await startNpmRegistry(await packPackage(mkdtempSync(path.join(tmp, "registry-"))));
      env.npm_config_registry = registry.url;
    }
    // Before the package is on npm, the clone's `npm pack` takes the place of the first line.
    const first = node.source === "clone" ? [...cloneFirstLine!, ...main!.slice(1)] : main!;
    const folder = await runLines(fillAll(first), tmp, env, transcript);
    expect(folder).toBe(project);
    if (node.source === "clone") await runLines(fillAll(cloneInstall!), project, env, transcript);

    // The new repository's README, as pulumi new wrote it from the template.
    const [firstDay, commit] = shellBlocks(readFileSync(path.join(project, "README.md"), "utf8"), "First day");
    if (node.sdk !== "latest") {
      // The oldest SDK of the peer range, as a team on Node 20 pins it (README: "On Node 20 pin …").
      await runLines(fillAll(firstDay!.slice(0, 1)), project, env, transcript);
      transcript.lines.push(`(the test) npm install @pulumi/pulumi@${node.sdk}, in adobe-org and in policy`);
      ok(await npm(["install", `@pulumi/pulumi@${node.sdk}`]), "npm install (SDK pin)");
      ok(await npm(["install", `@pulumi/pulumi@${node.sdk}`], path.join(project, "policy")), "npm install (SDK pin, policy)");
      await runLines(fillAll(firstDay!.slice(1)), project, env, transcript);
    } else {
      await runLines(fillAll(firstDay!), project, env, transcript);
    }
    const preview = transcript.results.at(-1)!;
    expect(preview.stdout).toContain("Policies:");
    expect(preview.stdout).toMatch(/adobe-org-policies@v1\.0\.0/);
    expect(preview.stdout + preview.stderr).not.toMatch(/mandatory|advisory/);
    await runLines(fillAll(commit!), project, env, transcript);
    console.log(`team flow (${node.label}, package from the ${node.source}): the README's commands as run\n${transcript.lines.join("\n").replaceAll(emulator.clientSecret, "<client secret>")}`);
    if (registry) expect(registry.served.filter((p) => p.endsWith(".tgz")).length).toBeGreaterThan(0);

    // The secret is stored encrypted.
    const stackConfig = readFileSync(path.join(project, "Pulumi.prod.yaml"), "utf8");
    expect(stackConfig).toContain("umapi:clientSecret:\n    secure:");
    expect(stackConfig).not.toContain(emulator.clientSecret);
    // The commit holds the repository and neither node_modules folder.
    const committed = ok(await run("git", ["ls-files"], { cwd: project, env }), "git ls-files").stdout.split("\n");
    expect(committed.filter((f) => f.includes("node_modules"))).toEqual([]);
    expect(committed).toEqual(expect.arrayContaining([".gitignore", "org.yaml", "package-lock.json", "policy/package-lock.json", "Pulumi.prod.yaml", ".github/workflows/adobe-org.yml"]));
    // From a clone, the tarball is part of the repository: CI's `npm ci` installs it.
    if (node.source === "clone") expect(committed.filter((f) => /^pulumi-adobe-umapi-.+\.tgz$/.test(f))).toHaveLength(1);
    expect(ok(await run("git", ["status", "--porcelain", "--ignored"], { cwd: project, env }), "git status").stdout.split("\n").filter(Boolean).sort()).toEqual(["!! node_modules/", "!! policy/node_modules/"]);

    const sdk = (dir: string) => (JSON.parse(readFileSync(path.join(dir, "node_modules/@pulumi/pulumi/package.json"), "utf8")) as { version: string }).version;
    console.log(`team flow (${node.label}): @pulumi/pulumi ${sdk(project)} in the project, ${sdk(path.join(project, "policy"))} in the pack; node ${(await run("node", ["--version"], { cwd: project, env })).stdout.trim()}`);
    if (node.sdk !== "latest") expect(sdk(project)).toBe(node.sdk);
    // The layout the official language host needs: the pack runs its own SDK's run-policy-pack.
    expect(existsSync(path.join(project, "policy/node_modules/@pulumi/pulumi/cmd/run-policy-pack/index.js"))).toBe(true);
    // Nothing of the package is nested: one SDK copy per folder.
    expect(existsSync(path.join(project, "node_modules/pulumi-adobe-umapi/node_modules/@pulumi/pulumi"))).toBe(false);
  }, 900_000);

  it("up adopts the org with 0 action requests", async () => {
    const before = emulator.state();
    emulator.resetMetrics();
    ok(await pulumi(["up", "--yes", ...PACK]), "pulumi up");
    expect(emulator.metrics().requests.action).toBe(0);
    expect(emulator.state()).toEqual(before);
    expect(plannedChanges(ok(await pulumi(["preview", "--json", ...PACK]), "preview"))).toEqual([]);
  }, 300_000);

  it("a user and a group added to org.yaml preview as exactly those two creates, and up makes them", async () => {
    const file = path.join(project, "org.yaml");
    const doc = parseDocument(readFileSync(file, "utf8"));
    doc.addIn(["userGroups"], { name: "Field Team", productProfiles: ["Acrobat Pro Users"] });
    doc.addIn(["users"], { email: "gina@example.com", firstName: "Gina", lastName: "Gold", country: "US", groups: ["Field Team"] });
    writeFileSync(file, doc.toString());
    emulator.resetMetrics();
    const preview = ok(await pulumi(["preview", "--json", ...PACK]), "preview");
    const planned = plannedChanges(preview);
    expect(planned.slice(0, 2)).toEqual(["create group:field team", "create profile:field team:acrobat pro users"]);
    // org.yaml's users are in AdobeUsers sets: gina joins the set her email hashes to (new, or holding others already).
    expect(planned.slice(2)).toEqual([expect.stringMatching(new RegExp(`^(create|update) ${userSetOf("gina@example.com")}$`))]);
    expect(emulator.metrics().requests.total).toBe(0);
    ok(await pulumi(["up", "--yes", ...PACK]), "pulumi up");
    const gina = emulator.state().users.find((u) => u.email === "gina@example.com");
    expect(gina?.groups).toContain("Field Team");
  }, 300_000);

  it("a change the pack must refuse fails the preview with the policy's message, and up changes nothing", async () => {
    const file = path.join(project, "org.yaml");
    const good = readFileSync(file, "utf8");
    const doc = parseDocument(good);
    const users = doc.get("users") as { items: { set(k: string, v: unknown): void; get(k: string): unknown }[] };
    users.items.find((u) => u.get("email") === "gina@example.com")!.set("onDelete", "deleteAccount");
    writeFileSync(file, doc.toString());
    const preview = await pulumi(["preview", ...PACK]);
    expect(preview.code).not.toBe(0);
    expect(preview.stdout).toMatch(new RegExp(`\\[mandatory\\].*no-account-deletion.*${userSetOf("gina@example.com")}`));
    expect(preview.stdout).toContain('onDelete is "deleteAccount" for "gina@example.com"');
    const before = emulator.state();
    emulator.resetMetrics();
    expect((await pulumi(["up", "--yes", ...PACK])).code).not.toBe(0);
    expect(emulator.metrics().requests.action).toBe(0);
    expect(emulator.state()).toEqual(before);
    writeFileSync(file, good);
  }, 300_000);

  it("an _org_admin membership is refused by the org file before anything is declared", async () => {
    const file = path.join(project, "org.yaml");
    const good = readFileSync(file, "utf8");
    const doc = parseDocument(good);
    (doc.get("users") as { items: { set(k: string, v: unknown): void; get(k: string): unknown }[] }).items
      .find((u) => u.get("email") === "gina@example.com")!
      .set("groups", ["Field Team", "_org_admin"]);
    writeFileSync(file, doc.toString());
    emulator.resetMetrics();
    const preview = await pulumi(["preview", ...PACK]);
    expect(preview.code).not.toBe(0);
    expect(preview.stdout).toMatch(/org\.yaml:\d+:\d+ users\[6\]\.groups\[1\]: is an admin role UMAPI cannot assign or remove \(_org_admin/);
    expect(emulator.metrics().requests.total).toBe(0);
    writeFileSync(file, good);
  }, 300_000);

  it("a second up while one runs is refused by the backend's lock, and nothing is lost", async () => {
    const file = path.join(project, "org.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace("lastName: Gold", "lastName: Golden"));
    emulator.setFaults({ latencyMs: 4000 });
    const first = pulumi(["up", "--yes", ...PACK]);
    // Wait until the first run holds the stack's lock in the bucket.
    for (let i = 0; i < 300 && (await s3.list(".pulumi/locks/")).length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await s3.list(".pulumi/locks/")).toHaveLength(1);
    const second = await pulumi(["up", "--yes", ...PACK]);
    expect(second.code).not.toBe(0);
    expect(second.stdout + second.stderr).toMatch(/currently locked/);
    ok(await first, "the first pulumi up");
    emulator.setFaults(null);
    expect(emulator.state().users.find((u) => u.email === "gina@example.com")?.lastname).toBe("Golden");
    expect(await s3.list(".pulumi/locks/")).toEqual([]);
    expect(plannedChanges(ok(await pulumi(["preview", "--json", ...PACK]), "preview"))).toEqual([]);
  }, 300_000);

  it("destroy stops at the protected admins, then at the removal budget, and empties the stack only when allowed", async () => {
    const refused = await pulumi(["destroy", "--yes"]);
    expect(refused.code).not.toBe(0);
    expect(refused.stdout).toContain(`${userSetOf("owner@example.com")}" cannot be deleted`);
    expect(emulator.state().users.some((u) => u.email === "gina@example.com")).toBe(true);
    ok(await pulumi(["state", "unprotect", "--all", "--yes"]), "pulumi state unprotect");
    const braked = await pulumi(["destroy", "--yes"]);
    expect(braked.code).not.toBe(0);
    expect(braked.stdout).toContain("removing it would take this run past its removal budget");
    const all = await run("pulumi", ["destroy", "--yes", "--stack", "prod", "--non-interactive"], { cwd: project, env: { ...env, UMAPI_ALLOW_REMOVALS: "all" } });
    ok(all, "UMAPI_ALLOW_REMOVALS=all pulumi destroy");
    expect(emulator.state().users.some((u) => u.email === "gina@example.com")).toBe(false);
    expect(emulator.state().groups.some((g) => g.groupName === "Field Team")).toBe(false);
    const stack = JSON.parse(ok(await pulumi(["stack", "export"]), "stack export").stdout) as { deployment: { resources?: unknown[] } };
    expect(stack.deployment.resources ?? []).toEqual([]);
  }, 300_000);
});
