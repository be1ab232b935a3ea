/**
 * The removal brake through the real pulumi CLI and the root program: an org.yaml that drops more
 * users than the removal budget, or an admin, is refused by preview and up before any UMAPI action;
 * the stack config overrides let the same file through. The previous users come from the stack's
 * own outputs, read back through the engine (file:// backend).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStack, type TestStack } from "./harness";

const ADMIN = "ada@example.com";
const OTHERS = ["bo", "cy", "di", "ed", "fay", "gil", "hal"].map((n) => `${n}@example.com`);

/** An org file declaring `emails` (ada with the supportAdmin role). */
function orgYaml(emails: string[]): string {
  const users = emails.map((e) => `  - { email: ${e}, firstName: F, lastName: L${e === ADMIN ? ", adminRoles: [supportAdmin]" : ""} }`);
  return users.length > 0 ? `users:\n${users.join("\n")}\n` : "users: []\n";
}

const liveEmails = (t: TestStack) => t.emulator.state().users.map((u) => u.email.toLowerCase()).filter((e) => e !== "owner@example.com").sort();

describe("the removal brake", () => {
  let t: TestStack;
  let file: string;
  const write = (emails: string[]) => writeFileSync(file, orgYaml(emails));

  /** Runs the CLI and expects it to fail without a single action request or change to the org. */
  const refused = async (args: string[]) => {
    const before = t.emulator.state();
    t.emulator.resetMetrics();
    const res = await t.cli(args);
    expect(res.code).not.toBe(0);
    expect(t.emulator.metrics().requests.action).toBe(0);
    expect(t.emulator.state()).toEqual(before);
    expect(res.stdout).not.toMatch(/^\s+at /m);
    return res.stdout;
  };

  beforeAll(async () => {
    t = await createStack({ program: "." });
    file = path.join(mkdtempSync(path.join(tmpdir(), "umapi-brake-")), "org.yaml");
    await t.stack.setConfig("orgFile", { value: file });
  }, 600_000);
  afterAll(async () => {
    await t?.dispose();
    if (file) rmSync(path.dirname(file), { recursive: true, force: true });
  });

  it("the first preview and up (no previous outputs) declare 8 users and export them", async () => {
    write([ADMIN, ...OTHERS]);
    expect((await t.cli(["preview"])).code).toBe(0);
    const up = await t.cli(["up", "--yes"]);
    expect(up.code, up.stdout + up.stderr).toBe(0);
    expect(liveEmails(t)).toEqual([ADMIN, ...OTHERS].sort());
    const outputs = JSON.parse((await t.cli(["stack", "output", "--json"])).stdout);
    expect(outputs.managedUsers).toEqual([ADMIN, ...OTHERS].sort());
    expect(outputs.adminUsers).toEqual([ADMIN]);
  }, 300_000);

  it("a file without 6 of them: preview and up refuse, say how many and how to override", async () => {
    write([ADMIN, OTHERS[0]!]);
    const message =
      "org.yaml would remove 6 users (budget 5: the default, the larger of 5 users and 2% of the 8 users the stack manages): " +
      "cy@example.com, di@example.com, ed@example.com, fay@example.com, gil@example.com, hal@example.com. " +
      "To allow this run, set stack config umapi:allowRemovals to 6 (pulumi config set umapi:allowRemovals 6, or UMAPI_ALLOW_REMOVALS=6 for one run) or raise settings.removalBudget.";
    const flat = (s: string) => s.replace(/\s+/g, " ");
    expect(flat(await refused(["preview"]))).toContain(message.replace("org.yaml", file));
    expect(flat(await refused(["up", "--yes"]))).toContain(message.replace("org.yaml", file));
  }, 300_000);

  it("with umapi:allowRemovals 6 the same file applies and the users are gone", async () => {
    await t.stack.setConfig("umapi:allowRemovals", { value: "6" });
    const up = await t.cli(["up", "--yes"]);
    await t.stack.removeConfig("umapi:allowRemovals");
    expect(up.code, up.stdout + up.stderr).toBe(0);
    expect(liveEmails(t)).toEqual([ADMIN, OTHERS[0]!]);
  }, 300_000);

  it("removing an admin, within the budget, needs umapi:allowAdminRemovals", async () => {
    write([OTHERS[0]!]);
    expect((await refused(["up", "--yes"])).replace(/\s+/g, " ")).toContain(`${file} removes admin users (admin roles or protect: true at the last update): ${ADMIN}. To remove them, set stack config umapi:allowAdminRemovals true`);
    await t.stack.setConfig("umapi:allowAdminRemovals", { value: "true" });
    const up = await t.cli(["up", "--yes"]);
    await t.stack.removeConfig("umapi:allowAdminRemovals");
    expect(up.code, up.stdout + up.stderr).toBe(0);
    expect(liveEmails(t)).toEqual([OTHERS[0]!]);
  }, 300_000);
});
