/**
 * A run killed for real: `pulumi up` of the root org.yaml program, on the template's settings
 * (checkpoints skipped, parallel 64), is SIGKILLed with its language host, program and provider at
 * several points of a large change; then the recovery docs/troubleshooting.md gives runs as written:
 * the backend's stale lock is cleared (`pulumi cancel`, as the template's workflow does) and the
 * same command runs again. It must converge: every declared
 * object once, every membership as declared, nothing else touched, and a clean preview after.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { defaultSeed, type EmulatorOptions } from "../../emulator";
import { createStack, REPO, type TestStack } from "./harness";
import { shellBlocks } from "./team/readmeCommands";
import { startS3Server, type S3Server } from "./team/s3Server";

/** The template workflow's settings (templates/org-yaml/.github/workflows/adobe-org.yml). */
const TEMPLATE_ENV = { PULUMI_SKIP_CHECKPOINTS: "true", PULUMI_PARALLEL: "64", UMAPI_TIME_SCALE: "600" };
/** The recovery of docs/troubleshooting.md, as written (comments dropped): `pulumi cancel --yes`, then the same `pulumi up --yes`. */
const RECOVERY = shellBlocks(readFileSync(path.join(REPO, "docs/troubleshooting.md"), "utf8"), "Troubleshooting")[0]!.map((line) => line.replace(/\s+#\s.*$/, "").split(/\s+/));
const UP = RECOVERY.find((cmd) => cmd[1] === "up")!.slice(1);

interface OrgShape {
  users: number;
  /** Groups of the file; user i is in groups[i % groups.length], plus `extraGroup` when set. */
  groups: string[];
  extraGroup?: string;
  /** The first `from` users are left out (removals). */
  from?: number;
  adopt?: boolean;
}

function orgYaml({ users, groups, extraGroup, from = 0, adopt }: OrgShape): string {
  const lines = [adopt ? "settings:\n  adopt: true" : "", "userGroups:"];
  for (const g of [...groups, ...(extraGroup ? [extraGroup] : [])]) lines.push(`  - name: ${g}`, `    productProfiles: [Photoshop Users]`);
  lines.push("users:");
  for (let i = from + 1; i <= users; i++) {
    const own = [groups[i % groups.length], ...(extraGroup ? [extraGroup] : [])];
    lines.push(`  - email: user${i}@example.com`, `    firstName: User`, `    lastName: "${i}"`, `    country: US`, `    groups: [${own.join(", ")}]`);
  }
  return lines.join("\n") + "\n";
}

let t: TestStack | undefined;
let dir: string | undefined;
afterEach(async () => {
  await t?.dispose();
  t = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

let s3: S3Server | undefined;
afterAll(async () => s3?.stop());

async function stackWith(file: string, backend: "file" | "s3" = "file", emulator: EmulatorOptions = {}): Promise<{ t: TestStack; write: (text: string) => void }> {
  dir = mkdtempSync(path.join(tmpdir(), "umapi-kill-"));
  const orgFile = path.join(dir, "org.yaml");
  writeFileSync(orgFile, file);
  const env = backend === "s3" ? { ...(s3 ??= await startS3Server()).env, PULUMI_BACKEND_URL: s3.backendUrl } : {};
  t = await createStack({ program: ".", emulator: { timeScale: 600, faults: { latencyMs: 60 }, ...emulator }, env: { ...TEMPLATE_ENV, ...env } });
  await t.stack.setConfig("orgFile", { value: orgFile });
  return { t, write: (text) => writeFileSync(orgFile, text) };
}

/** Runs `up`, SIGKILLs its process group once `when()` holds, and returns what the org saw before the kill. */
async function killedUp(t: TestStack, when: () => boolean, pollMs = 20): Promise<number> {
  const run = t.startCli(UP);
  for (let i = 0; i < 120_000 / pollMs && !when(); i++) await new Promise((r) => setTimeout(r, pollMs));
  run.kill();
  const res = await run.done;
  expect(res.code, res.stdout + res.stderr).not.toBe(0);
  // Nothing of the killed run is left to send: once the requests on the wire at the kill have
  // landed (the emulator records a request when it answers), the org sees no more.
  await new Promise((r) => setTimeout(r, 500));
  const seen = t.emulator.requests().length;
  await new Promise((r) => setTimeout(r, 1_500));
  expect(t.emulator.requests().length).toBe(seen);
  return t.emulator.metrics().requests.action;
}

async function rerun(t: TestStack): Promise<string> {
  expect(RECOVERY.map((cmd) => cmd.join(" "))).toEqual(["pulumi cancel --yes", `pulumi ${UP.join(" ")}`]);
  let again = { code: -1, stdout: "", stderr: "" };
  for (const [pulumi, ...args] of RECOVERY) {
    expect(pulumi).toBe("pulumi");
    again = await t.cli(args);
    expect(again.code, again.stdout + again.stderr).toBe(0);
  }
  t.emulator.resetMetrics();
  const clean = await t.cli(["preview", "--expect-no-changes"]);
  expect(clean.code, clean.stdout + clean.stderr).toBe(0);
  expect(t.emulator.metrics().requests.action).toBe(0);
  return again.stdout;
}

function expectOrg(t: TestStack, shape: OrgShape): void {
  const users = t.emulator.state().users.filter((u) => /^user\d+@/.test(u.email));
  const emails = users.map((u) => u.email);
  expect(new Set(emails).size).toBe(emails.length);
  const want = new Map<string, string[]>();
  for (let i = (shape.from ?? 0) + 1; i <= shape.users; i++) want.set(`user${i}@example.com`, [shape.groups[i % shape.groups.length]!, ...(shape.extraGroup ? [shape.extraGroup] : [])].sort());
  expect(users.filter((u) => !want.has(u.email)).map((u) => u.email)).toEqual([]);
  for (const u of users) expect([...u.groups].sort(), u.email).toEqual(want.get(u.email));
  expect(users).toHaveLength(want.size);
}

const numbered = (t: TestStack) => t.emulator.state().users.filter((u) => /^user\d+@/.test(u.email));
const actions = (t: TestStack) => t.emulator.metrics().requests.action;

describe("a create of 300 users and 2 user groups, killed", () => {
  const shape: OrgShape = { users: 300, groups: ["Crew", "Deck"] };
  for (const [point, fraction] of [["early", 0.05], ["mid-way", 0.5], ["after its last request", 1]] as const) {
    it(`${point}: the same up converges`, async () => {
      const { t } = await stackWith(orgYaml(shape));
      // 300 creates travel 10 a request, plus the two groups and their profiles.
      const sent = await killedUp(t, () => t.emulator.metrics().requests.action >= Math.max(1, Math.floor(32 * fraction)));
      console.log(`kill ${point}: after ${sent} action requests, ${t.emulator.state().users.filter((u) => /^user\d+@/.test(u.email)).length} users in the org`);
      await rerun(t);
      expectOrg(t, shape);
    }, 300_000);
  }

  it("as it writes the final state: the same up converges", async () => {
    const { t } = await stackWith(orgYaml(shape));
    const stacks = path.join(t.backendDir, ".pulumi");
    const written = () => snapshotOf(stacks);
    const before = written();
    // Checkpoints skipped: the state is written once, at the end; kill at the first file it writes.
    await killedUp(t, () => actions(t) >= 30 && written() !== before, 1);
    console.log(`kill at the state write: ${numbered(t).length} users in the org`);
    await rerun(t);
    expectOrg(t, shape);
    // The local stacks log in with ?metadata=skip: no sidecar a kill could leave empty.
    expect(snapshotOf(stacks)).not.toMatch(/\.attrs:/);
  }, 300_000);
});

describe("a file backend with metadata sidecars (the default login), killed as it writes one", () => {
  it("fails with `failed to load checkpoint: EOF`, and docs/troubleshooting.md's find line repairs it", async () => {
    const { t } = await stackWith("users: []\n");
    const plain = `file://${t.backendDir}`;
    Object.assign(t.envVars, { PULUMI_BACKEND_URL: plain });
    const up = await t.cli(UP);
    expect(up.code, up.stdout + up.stderr).toBe(0);
    // What a kill between the sidecar's create and its write leaves.
    const stackFile = readdirSync(path.join(t.backendDir, ".pulumi/stacks"), { recursive: true, encoding: "utf8" }).find((f) => f.endsWith(`${t.stackName}.json`))!;
    writeFileSync(path.join(t.backendDir, ".pulumi/stacks", `${stackFile}.attrs`), "");
    const broken = await t.cli(["cancel", "--yes"]);
    expect(broken.code).not.toBe(0);
    expect(broken.stderr).toContain("failed to load checkpoint: EOF");

    const doc = readFileSync(path.join(REPO, "docs/troubleshooting.md"), "utf8");
    const repair = /`(find \.pulumi -name '\*\.attrs' -empty -delete)`/.exec(doc)![1]!;
    const res = spawnSync("bash", ["-c", repair], { cwd: t.backendDir, encoding: "utf8" });
    expect(res.status, res.stderr).toBe(0);
    await rerun(t);
  }, 300_000);
});

/** The backend's files and their sizes and times, as one string: it changes when the CLI writes any of them. */
function snapshotOf(dir: string): string {
  if (!existsSync(dir)) return "";
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (!p.includes(`${path.sep}locks${path.sep}`)) {
        const st = statSync(p);
        out.push(`${p}:${st.size}:${st.mtimeMs}`);
      }
    }
  };
  walk(dir);
  return out.sort().join("\n");
}

describe("changes to a managed org of 300 users, killed mid-way", () => {
  const shape: OrgShape = { users: 300, groups: ["Crew", "Deck"] };

  /** A stack that manages `shape` already (created by a first up). */
  async function managed(backend: "file" | "s3" = "file") {
    const made = await stackWith(orgYaml(shape), backend);
    const first = await made.t.cli(UP);
    expect(first.code, first.stdout + first.stderr).toBe(0);
    made.t.emulator.resetMetrics();
    return made;
  }

  it("a reorganisation (every user joins a new group): the same up converges", async () => {
    const { t, write } = await managed();
    const reorg = { ...shape, extraGroup: "Reorg" };
    write(orgYaml(reorg));
    // The new group, its profile, then 300 membership adds packed 100 a command.
    const sent = await killedUp(t, () => numbered(t).some((u) => u.groups.includes("Reorg")));
    console.log(`kill reorg: after ${sent} action requests, ${numbered(t).filter((u) => u.groups.includes("Reorg")).length} of 300 users in Reorg`);
    await rerun(t);
    expectOrg(t, reorg);
  }, 300_000);

  it("removals (100 users dropped, allowed): the same up converges, nobody else removed", async () => {
    const { t, write } = await managed();
    const smaller = { ...shape, from: 100 };
    write(orgYaml(smaller));
    t.envVars.UMAPI_ALLOW_REMOVALS = "100";
    const sent = await killedUp(t, () => numbered(t).length < 260);
    console.log(`kill removals: after ${sent} action requests, ${numbered(t).length} users left`);
    await rerun(t);
    expectOrg(t, smaller);
  }, 300_000);

  it("on the S3 backend, a reorganisation: the same up converges", async () => {
    const { t, write } = await managed("s3");
    const reorg = { ...shape, extraGroup: "Reorg" };
    write(orgYaml(reorg));
    await killedUp(t, () => numbered(t).some((u) => u.groups.includes("Reorg")));
    await rerun(t);
    expectOrg(t, reorg);
  }, 300_000);
});

describe("an adoption of an exported org of 300 users, killed", () => {
  it("mid-way: the same up converges with no action request", async () => {
    const shape: OrgShape = { users: 300, groups: ["Crew", "Deck"], adopt: true };
    const { t } = await stackWith(orgYaml(shape), "file", { seed: seedOf(shape) });
    await killedUp(t, () => t.emulator.metrics().requests.users > 0);
    await rerun(t);
    expectOrg(t, shape);
    expect(t.emulator.requests().filter((r) => r.endpointClass === "action")).toHaveLength(0);
  }, 300_000);
});

/** The default org plus the org `shape` describes (what an export of it would adopt). */
function seedOf(shape: OrgShape): EmulatorOptions["seed"] {
  return {
    ...defaultSeed,
    userGroups: [...defaultSeed.userGroups!, ...shape.groups.map((name) => ({ name, productProfiles: ["Photoshop Users"] }))],
    users: [
      ...defaultSeed.users!,
      ...Array.from({ length: shape.users }, (_, k) => {
        const i = k + 1;
        return { type: "enterpriseID" as const, email: `user${i}@example.com`, firstname: "User", lastname: String(i), country: "US", groups: [shape.groups[i % shape.groups.length]!] };
      }),
    ],
  };
}
