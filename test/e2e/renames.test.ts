/**
 * Renames in org.yaml through the real CLI: `renamedFrom` on a user and on a group plans updates of
 * the same resources (no create, no delete), and after `up` UMAPI holds the same user id and the
 * same group id under the new names, with the same memberships, profile and admin roles.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStack, type TestStack } from "./harness";

const file = (o: { bob?: string; carl?: string; reviewers?: string; extra?: string }) => {
  const bob = o.bob ?? "bob@example.com";
  const carl = o.carl ?? "carl@example.com";
  const reviewers = o.reviewers ?? "Reviewers";
  return `
users:
  - email: ${bob}${bob !== "bob@example.com" ? "\n    renamedFrom: bob@example.com" : ""}
    firstName: Bob
    lastName: Berg
    country: US
    groups: [${reviewers}]
    adminRoles: [supportAdmin]
  - email: ${carl}
    firstName: Carl
    lastName: Cole
    country: US
    groups: [${reviewers}]
${o.extra ?? ""}
userGroups:
  - name: ${reviewers}${reviewers !== "Reviewers" ? "\n    renamedFrom: Reviewers" : ""}
    productProfiles: [Acrobat Pro Users]
    admins: [${carl}]
  - name: Board
    members: [${bob}, ${carl}]
`;
};

interface Step {
  op: string;
  urn: string;
}

describe("renames in org.yaml through the real CLI", () => {
  let t: TestStack;
  let dir: string;
  let orgFile: string;
  const write = (text: string) => writeFileSync(orgFile, text);
  const planned = async () => {
    const res = await t.cli(["preview", "--json"]);
    expect(res.code, res.stderr).toBe(0);
    const { steps = [] } = JSON.parse(res.stdout) as { steps?: Step[] };
    return steps.filter((s) => s.op !== "same").map((s) => `${s.op} ${s.urn.split("::").at(-1)}`).sort();
  };
  const user = (email: string) => t.emulator.state().users.find((u) => u.email === email);
  const group = (name: string) => t.emulator.state().groups.find((g) => g.groupName === name);

  beforeAll(async () => {
    t = await createStack({ program: "." });
    dir = mkdtempSync(path.join(tmpdir(), "umapi-renames-"));
    orgFile = path.join(dir, "org.yaml");
    write(file({}));
    await t.stack.setConfig("orgFile", { value: orgFile });
    expect((await t.up()).summary.result).toBe("succeeded");
  }, 180_000);
  afterAll(async () => {
    await t?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("a user's new email with renamedFrom is an update of the same account and of every resource named after it", async () => {
    const before = user("bob@example.com")!;
    write(file({ bob: "robert@example.com" }));
    const shown = await t.cli(["preview", "--diff"]);
    console.log(`preview of the user rename:\n${shown.stdout}`);
    const steps = await planned();
    expect(steps.filter((s) => !s.startsWith("update "))).toEqual([]);
    // The user stays in the set of its earlier email; the preview names it under the new one.
    expect(steps).toContain("update users:57");
    expect(shown.stdout).toMatch(/robert@example\.com/);
    t.emulator.resetMetrics();
    expect((await t.up()).summary.result).toBe("succeeded");
    const after = user("robert@example.com")!;
    expect(after.id).toBe(before.id);
    expect(user("bob@example.com")).toBeUndefined();
    expect(after.groups).toEqual(before.groups);
    expect(await planned()).toEqual([]);
  }, 300_000);

  it("a group's new name with renamedFrom keeps its id, members, profile and admins, all as updates", async () => {
    const before = group("Reviewers")!;
    const members = t.emulator.state().users.filter((u) => u.groups.includes("Reviewers")).map((u) => u.email).sort();
    write(file({ bob: "robert@example.com", reviewers: "Review Board" }));
    const shown = await t.cli(["preview", "--diff"]);
    console.log(`preview of the group rename:\n${shown.stdout}`);
    const steps = await planned();
    expect(steps.filter((s) => !s.startsWith("update "))).toEqual([]);
    expect(steps).toContain("update group:review board");
    expect((await t.up()).summary.result).toBe("succeeded");
    const after = group("Review Board")!;
    expect(after.groupId).toBe(before.groupId);
    expect(group("Reviewers")).toBeUndefined();
    expect(after.productProfiles).toEqual(["Acrobat Pro Users"]);
    expect(t.emulator.state().users.filter((u) => u.groups.includes("Review Board")).map((u) => u.email).sort()).toEqual(members);
    expect(user("carl@example.com")!.groups).toContain("_admin_Review Board");
    expect(await planned()).toEqual([]);
  }, 300_000);

  it("without renamedFrom, the preview says that a removed and an added user look like a rename, and how to declare it", async () => {
    write(file({ bob: "robert@example.com", reviewers: "Review Board", carl: "carlos@example.com" }));
    const res = await t.cli(["preview"]);
    expect(res.stdout).toContain("removes carl@example.com and adds carlos@example.com with the same names, country and identity type: this looks like a change of email");
    expect(res.stdout).toContain('add "renamedFrom: carl@example.com" to carlos@example.com');
  }, 300_000);

  it("a file that names an earlier email as another user is refused with a located error", async () => {
    const extra = "  - { email: bob@example.com, firstName: Other, lastName: Bob, country: US }";
    write(file({ bob: "robert@example.com", reviewers: "Review Board", extra }));
    const res = await t.cli(["preview"]);
    expect(res.code).not.toBe(0);
    expect(res.stdout).toMatch(/org\.yaml:\d+:\d+ users\[2\]\.email: "bob@example\.com" is the earlier email of users\[0\] \(robert@example\.com, renamedFrom\)/);
    write(file({ bob: "robert@example.com", reviewers: "Review Board" }));
  }, 300_000);
});
