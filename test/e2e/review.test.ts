/**
 * What a reviewer reads, through the real CLI and the root org.yaml program: the plan of a change
 * with every kind of step (an account deletion, an admin grant and revocation, renames, new users and
 * groups, field, profile and membership changes, a policy violation) summarised by
 * `umapi-plan-summary` from `pulumi preview --json`, the same for what `pulumi up --json` applied, and
 * drift made in the org as the Admin Console would make it, reported from `pulumi preview --refresh
 * --json` with nothing else (no ids a read fills in) and nothing changed.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientFor } from "../integration/helpers";
import { gfmPage, inChromium } from "../support/chromium";
import { createStack, REPO, type TestStack } from "./harness";

const BEFORE = `settings: { removalBudget: 5 }
users:
  - { email: ada@example.com, firstName: Ada, lastName: Adams, country: US }
  - { email: bo@example.com, firstName: Bo, lastName: Berg, country: US, groups: [Review] }
  - { email: cy@example.com, firstName: Cy, lastName: Cole, country: US, onDelete: deleteAccount }
  - { email: di@example.com, firstName: Di, lastName: Dunn, country: US, adminRoles: [supportAdmin] }
  - { email: ed@example.com, firstName: Ed, lastName: Eck, country: US }
  - { email: fay@example.com, firstName: Fay, lastName: Fox, country: US }
userGroups:
  - { name: Design Team, productProfiles: [Photoshop Users], members: [ada@example.com, ed@example.com] }
  - { name: Review }
  - { name: Old Name }
`;
/** cy's account deleted, di removed (an admin), ada made supportAdmin, fay and Old Name renamed, gus and Brand new, bo's first name, profiles and memberships. */
const AFTER = `settings: { removalBudget: 5 }
users:
  - { email: ada@example.com, firstName: Ada, lastName: Adams, country: US, adminRoles: [supportAdmin] }
  - { email: bo@example.com, firstName: Bob, lastName: Berg, country: US }
  - { email: ed@example.com, firstName: Ed, lastName: Eck, country: US, groups: [Review] }
  - { email: fay.fox@example.com, renamedFrom: fay@example.com, firstName: Fay, lastName: Fox, country: US }
  - { email: gus@example.com, firstName: Gus, lastName: Gray, country: US, onDelete: deleteAccount }
userGroups:
  - { name: Design Team, productProfiles: [Acrobat Pro Users], members: [ada@example.com, gus@example.com] }
  - { name: Review }
  - { name: New Name, renamedFrom: Old Name }
  - { name: Brand }
`;

/** The bin as CI runs it: the CLI's JSON on standard input. */
function summary(json: string, args: string[] = []): { code: number; out: string } {
  const res = spawnSync(process.execPath, [path.join(REPO, "dist/scripts/umapi-plan-summary.js"), ...args], { input: json, encoding: "utf8" });
  if (res.stderr) throw new Error(res.stderr);
  return { code: res.status ?? -1, out: res.stdout };
}

describe("the review summary of real CLI runs", () => {
  let t: TestStack;
  let dir: string;
  let orgFile: string;
  /** The markdown summaries, for the look in Chromium. */
  const markdown: { plan?: string; drift?: string } = {};
  const pack = () => ["--policy-pack", path.join(REPO, "policy"), "--policy-pack-config", path.join(dir, "policy-config.json")];
  /** A CLI run with --json, streamed as the template's workflow runs it (the form that carries policy violations). */
  const json = async (args: string[]) => {
    const res = await t.cli([...args, "--json"]);
    expect(res.stdout.length, res.stderr).toBeGreaterThan(0);
    return res;
  };

  beforeAll(async () => {
    t = await createStack({ program: ".", env: { PULUMI_ENABLE_STREAMING_JSON_PREVIEW: "true" } });
    dir = mkdtempSync(path.join(tmpdir(), "umapi-review-"));
    orgFile = path.join(dir, "org.yaml");
    writeFileSync(path.join(dir, "policy-config.json"), JSON.stringify({ "no-account-deletion": "advisory" }));
    await t.stack.setConfig("orgFile", { value: orgFile });
    writeFileSync(orgFile, BEFORE);
    const up = await t.cli(["up", "--yes"]);
    expect(up.code, up.stdout + up.stderr).toBe(0);
    writeFileSync(orgFile, AFTER);
    Object.assign(t.envVars, { UMAPI_VALIDATE_ON_PREVIEW: "true", UMAPI_ALLOW_REMOVALS: "2", UMAPI_ALLOW_ADMIN_REMOVALS: "true" });
  }, 600_000);
  afterAll(async () => {
    await t?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("the plan: removals first with their onDelete mode, then admin roles, renames, new objects, fields, profiles, memberships and the checks", async () => {
    const before = t.emulator.state();
    const res = await json(["preview", ...pack()]);
    expect(res.code).toBe(0);
    expect(t.emulator.state()).toEqual(before);
    const text = summary(res.stdout, ["--format", "text"]);
    const md = summary(res.stdout);
    markdown.plan = md.out;
    console.log(`umapi-plan-summary --format text (pulumi preview --json):\n${text.out}`);
    expect(text.code).toBe(0);
    // How many testOnly commands and requests carry the 13 changes depends on how the engine's steps meet in the batcher (packing).
    const requests = /validated \d+ command\(s\) for 13 planned change\(s\) in \d+ testOnly request\(s\) \(\d+ read\(s\)\)/;
    expect(text.out).toMatch(requests);
    expect(text.out.replaceAll(dir, "<dir>").replace(requests, "validated <n> command(s) for 13 planned change(s) in <n> testOnly request(s) (<n> read(s))")).toBe(`Adobe org plan: 15 changes, 2 removals, 1 account deletion, 2 policy violations

Users             +1 ~2 -2
User groups       +1 ~1 -0
Product profiles  +1 ~0 -1
Memberships       +2 ~0 -2
Admin roles       +1 ~0 -1

Removals (2):
  !! 1 account deletion: cy@example.com: permanently deleted with their files and assets (onDelete: deleteAccount)

  - ACCOUNT DELETED: cy@example.com (onDelete: deleteAccount)
  - di@example.com: removed from the org, the account stays (onDelete: removeFromOrg)

Admin roles (2):
  - revoke supportAdmin from di@example.com
  - grant supportAdmin to ada@example.com

Renames (2):
  - user fay@example.com → fay.fox@example.com
  - user group Old Name → New Name

New users (1):
  - gus@example.com

New user groups (1):
  - Brand

Field changes (1):
  - bo@example.com: firstName Bo → Bob

Product profiles (2):
  - detach Photoshop Users from Design Team
  - attach Acrobat Pro Users to Design Team

Memberships (+2 −2 in 2 groups):
  - Design Team: +1 −1 · added gus@example.com · removed ed@example.com
  - Review: +1 −1 · added ed@example.com · removed bo@example.com

Policy violations (2):
  - advisory no-account-deletion on users:47: onDelete is "deleteAccount" for "gus@example.com": destroying or replacing this AdobeUser permanently deletes the account and all its assets. Use onDelete "removeFromOrg" (the default) to take the user out of the org and keep the account.
  - advisory protect-admins on users:18: AdobeUser "user:ada@example.com" ("ada@example.com") holds the admin group "_support_admin" but is not protected: deleting or replacing it would remove an administrator from the org. Add the resource option { protect: true }.

Checks:
  - UMAPI validation: UMAPI validated <n> command(s) for 13 planned change(s) in <n> testOnly request(s) (<n> read(s)); nothing was changed
  - removal brake: <dir>/org.yaml removes 2 users (within the removal budget or allowed by umapi:allowRemovals)
  - removal budget: 2 of 5 users (settings.removalBudget 5, of the 6 users the stack managed)
`);
    console.log(`umapi-plan-summary (markdown):\n${md.out}`);
    expect(md.out).toContain("> **1 account deletion: `cy@example.com`: permanently deleted");
    expect(md.out).toContain("| Memberships | 2 | 0 | 2 |");
  }, 300_000);

  it("what the up applied, in the same terms", async () => {
    const res = await json(["up", "--yes", ...pack()]);
    expect(res.code).toBe(0);
    const { out } = summary(res.stdout, ["--format", "text"]);
    expect(out).toMatch(/^Adobe org: applied: 15 changes, 2 removals, 1 account deletion, 2 policy violations\n/);
    expect(out).toContain("ACCOUNT DELETED: cy@example.com (onDelete: deleteAccount)");
    expect(out).toContain("grant supportAdmin to ada@example.com");
    expect(out).toContain("Design Team: +1 −1 · added gus@example.com · removed ed@example.com");
    expect(t.emulator.state().users.map((u) => u.email).sort()).toEqual(["ada@example.com", "bo@example.com", "ed@example.com", "fay.fox@example.com", "gus@example.com", "owner@example.com"]);
  }, 300_000);

  it("right after the up, a refresh finds no drift: the ids a read fills in are not drift", async () => {
    const res = await json(["preview", "--refresh"]);
    const drift = summary(res.stdout, ["--drift", "--format", "text"]);
    expect(drift.out).toContain("No drift: the org matches the stack.");
    expect(drift.out).not.toMatch(/userId|status|groupId/);
    expect(drift.code).toBe(0);
  }, 300_000);

  it("changes made in the org are reported as drift, nothing else, and nothing is changed", async () => {
    const admin = clientFor(t.emulator);
    await admin.run({ user: "bo@example.com", do: [{ add: { group: ["Design Team"] } }] });
    await admin.run({ user: "ed@example.com", do: [{ remove: { group: ["Review"] } }] });
    await admin.run({ user: "gus@example.com", do: [{ update: { firstname: "Gustav" } }] });
    await admin.run({ user: "ada@example.com", do: [{ remove: { group: ["_support_admin"] } }] });
    await admin.run({ user: "fay.fox@example.com", do: [{ removeFromOrg: {} }] });
    await admin.run({ usergroup: "Brand", do: [{ deleteUserGroup: {} }] });
    await admin.run({ usergroup: "Design Team", do: [{ remove: { productConfiguration: ["Acrobat Pro Users"] } }] });
    const before = t.emulator.state();
    t.emulator.resetMetrics();
    const res = await json(["preview", "--refresh"]);
    expect(t.emulator.metrics().requests.action).toBe(0);
    expect(t.emulator.state()).toEqual(before);
    const drift = summary(res.stdout, ["--drift", "--format", "text"]);
    console.log(`umapi-plan-summary --drift --format text (pulumi preview --refresh --json):\n${drift.out}`);
    expect(drift.code).toBe(3);
    expect(drift.out).toBe(`Adobe org drift: 7 changes, 2 gone

Users             +0 ~1 -1
User groups       +0 ~0 -1
Product profiles  +0 ~0 -1
Memberships       +1 ~0 -1
Admin roles       +0 ~0 -1

Gone from the org (2):
  - user fay.fox@example.com: no longer in the org
  - user group Brand: no longer in the org

Admin roles (1):
  - ada@example.com lost supportAdmin in the org

Fields edited in the org (1):
  - gus@example.com: firstName Gus → Gustav

Product profiles (1):
  - Acrobat Pro Users no longer on Design Team

Memberships changed in the org (+1 −1 in 2 groups):
  - Design Team: +1 −0 · added bo@example.com
  - Review: +0 −1 · removed ed@example.com

Drift is what the org has against what the stack recorded at its last update. To put back what org.yaml declares, run the up with a refresh (\`pulumi up --refresh\`; the template: Actions, Adobe org, Run workflow): a plain \`up\` compares org.yaml with the stack, not with the org. To keep a change made in the Admin Console, write it into org.yaml. Not watched: group descriptions (UMAPI returns none), a profile taken off a group that has no members (only members show which profiles a group gives), and ids a read fills in.
`);
    const md = summary(res.stdout, ["--drift"]);
    expect(md.code).toBe(3);
    markdown.drift = md.out;
  }, 300_000);

  it("rendered as GitHub renders markdown and looked at in Chromium: the heading, the counts table, the sections in order", async () => {
    // The run's temporary folder is shown as "." in the pictures (docs/review.md).
    const page = (md: string) => gfmPage(md.replaceAll(dir, "."));
    const shot = (name: string) => path.join(dir, `${name}.png`);
    const dom = await inChromium(page(markdown.plan!), { screenshot: shot("review-plan"), height: 1250 });
    expect(dom).toContain("<h3>Adobe org plan: 15 changes, 2 removals, 1 account deletion, 2 policy violations</h3>");
    expect(headings(dom)).toEqual([
      "Removals (2)",
      "Admin roles (2)",
      "Renames (2)",
      "New users (1)",
      "New user groups (1)",
      "Field changes (1)",
      "Product profiles (2)",
      "Memberships (+2 −2 in 2 groups)",
      "Policy violations (2)",
      "Checks",
    ]);
    // One table: a header and one row of counts per kind.
    expect(dom.match(/<table>/g)).toHaveLength(1);
    expect([...dom.matchAll(/<tr>\s*<td>([^<]+)<\/td>/g)].map((m) => m[1])).toEqual(["Users", "User groups", "Product profiles", "Memberships", "Admin roles"]);
    expect(dom).toMatch(/<blockquote>\s*<p><strong>1 account deletion: <code>cy@example.com<\/code>: permanently deleted/);
    expect(dom).toContain("<li><strong>account deleted</strong>: <code>cy@example.com</code> (onDelete: deleteAccount)</li>");
    expect(dom).not.toMatch(/\[!|\*\*|\| ---/); // no markdown left unrendered

    const driftDom = await inChromium(page(markdown.drift!), { screenshot: shot("review-drift"), height: 860 });
    expect(headings(driftDom)).toEqual(["Gone from the org (2)", "Admin roles (1)", "Fields edited in the org (1)", "Product profiles (1)", "Memberships changed in the org (+1 −1 in 2 groups)"]);
    if (process.env.UMAPI_UPDATE_DOCS === "1") for (const name of ["review-plan", "review-drift"]) copyFileSync(shot(name), path.join(REPO, "docs/images", `${name}.png`));
  }, 120_000);

  it("a plain up leaves the drift alone; an up --refresh (the template's manual run) puts back what org.yaml declares, and the next watch finds none", async () => {
    const before = t.emulator.state();
    const plain = await t.cli(["up", "--yes"]);
    expect(plain.code, plain.stdout + plain.stderr).toBe(0);
    expect(t.emulator.state()).toEqual(before);

    const up = await t.cli(["up", "--yes", "--refresh"]);
    expect(up.code, up.stdout + up.stderr).toBe(0);
    const org = t.emulator.state();
    const user = (email: string) => org.users.find((u) => u.email === email);
    const group = (name: string) => org.groups.find((g) => g.groupName === name);
    expect(user("fay.fox@example.com")).toBeDefined();
    expect(user("gus@example.com")?.firstname).toBe("Gus");
    expect(user("ada@example.com")?.groups).toContain("_support_admin");
    expect(user("bo@example.com")?.groups ?? []).not.toContain("Design Team");
    expect(user("ed@example.com")?.groups).toContain("Review");
    expect(group("Brand")).toBeDefined();
    expect(group("Design Team")?.productProfiles).toEqual(["Acrobat Pro Users"]);

    const watch = summary((await json(["preview", "--refresh"])).stdout, ["--drift", "--format", "text"]);
    expect(watch.out).toContain("No drift: the org matches the stack.");
    expect(watch.code).toBe(0);
  }, 600_000);
});


describe("the summary of an up that UMAPI refuses in part", () => {
  it("names the failed step under the checks and titles the run failed; the rest is applied", async () => {
    const t = await createStack({ program: ".", env: { PULUMI_ENABLE_STREAMING_JSON_PREVIEW: "true" } });
    const dir = mkdtempSync(path.join(tmpdir(), "umapi-review-"));
    try {
      const orgFile = path.join(dir, "org.yaml");
      await t.stack.setConfig("orgFile", { value: orgFile });
      writeFileSync(orgFile, "users:\n  - { email: bea@example.com, firstName: Bea, lastName: Berg, country: US }\n  - { email: zed@unclaimed.example, firstName: Zed, lastName: Zorn, country: US }\n");
      const res = await t.cli(["up", "--yes", "--continue-on-error", "--json"]);
      expect(res.code).not.toBe(0);
      const { out } = summary(res.stdout, ["--format", "text"]);
      console.log(`umapi-plan-summary --format text (a failed pulumi up --json):\n${out}`);
      expect(out).toMatch(/^Adobe org: applied \(the up failed\): /);
      expect(out).toContain("  - failed: users:12 (zed@unclaimed.example)\n");
      expect(out).toContain("New users (1):\n  - bea@example.com\n");
      expect(t.emulator.state().users.map((u) => u.email)).toContain("bea@example.com");
    } finally {
      await t.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});

const headings = (dom: string) => [...dom.matchAll(/<h4>([^<]+)<\/h4>/g)].map((m) => m[1]);
