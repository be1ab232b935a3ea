/**
 * A run killed for real: `pulumi up` of the root org.yaml program, on the template's settings
 * (checkpoints skipped, parallel 64), is SIGKILLed with its language host, program and provider at
 * several points of a large change; then the backend's stale lock is cleared (`pulumi cancel`, as
 * the template's workflow does) and the same command runs again. It must converge: every declared
 * object once, every membership as declared, nothing else touched, and a clean preview after.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createStack, type TestStack } from "./harness";

/** The template workflow's settings (templates/org-yaml/.github/workflows/adobe-org.yml). */
const TEMPLATE_ENV = { PULUMI_SKIP_CHECKPOINTS: "true", PULUMI_PARALLEL: "64", UMAPI_TIME_SCALE: "600" };
const UP = ["up", "--yes", "--skip-preview"];

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

async function stackWith(file: string): Promise<{ t: TestStack; write: (text: string) => void }> {
  dir = mkdtempSync(path.join(tmpdir(), "umapi-kill-"));
  const orgFile = path.join(dir, "org.yaml");
  writeFileSync(orgFile, file);
  t = await createStack({ program: ".", emulator: { timeScale: 600, faults: { latencyMs: 60 } }, env: TEMPLATE_ENV });
  await t.stack.setConfig("orgFile", { value: orgFile });
  return { t, write: (text) => writeFileSync(orgFile, text) };
}

/** Runs `up`, SIGKILLs its process group once `when()` holds, and returns what the org saw before the kill. */
async function killedUp(t: TestStack, when: () => boolean): Promise<number> {
  const run = t.startCli(UP);
  for (let i = 0; i < 6000 && !when(); i++) await new Promise((r) => setTimeout(r, 20));
  run.kill();
  const res = await run.done;
  expect(res.code, res.stdout + res.stderr).not.toBe(0);
  return t.emulator.metrics().requests.action;
}

async function rerun(t: TestStack): Promise<string> {
  const cancel = await t.cli(["cancel", "--yes"]);
  expect(cancel.code, cancel.stderr).toBe(0);
  const again = await t.cli(UP);
  expect(again.code, again.stdout + again.stderr).toBe(0);
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
});
