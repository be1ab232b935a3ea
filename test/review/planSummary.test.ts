/**
 * The plan summary from preview JSON: the org's terms for each kind of step, removals first with
 * their onDelete mode, memberships per group from all three declarations, and a size that stays
 * under GitHub's comment limit whatever the plan, with exact counts.
 */
import { describe, expect, it } from "vitest";
import { GITHUB_COMMENT_LIMIT, renderSummary, SUMMARY_KINDS, summarizeRun, type SummaryKind } from "../../provider/review";
import { create, previewJson, remove, stack, update, user } from "./steps";

describe("a plan in the org's terms", () => {
  const steps = [
    stack({ managedUsers: ["ann@example.com", "bob@example.com", "cy@example.com"], settings: { adopt: false, removalBudget: { kind: "count", count: 3 } } }),
    remove("AdobeUser", "user:cy@example.com", user("cy@example.com", { onDelete: "deleteAccount" })),
    remove("AdobeUser", "user:bob@example.com", user("bob@example.com")),
    create("AdminRoleAssignment", "role:ann@example.com:_support_admin", { user: "ann@example.com", role: "supportAdmin" }),
    update("AdobeUser", "user:ann.b@example.com", user("ann@example.com", { groups: ["Design"] }), user("ann.b@example.com", { firstName: "Ann", groups: ["Design", "Review"] }), "user:ann@example.com"),
    create("GroupMembership", "m1", { user: "dee@example.com", group: "Design" }),
    update("GroupMembers", "members:review", { group: "Review", users: ["x@example.com"] }, { group: "Review", users: ["y@example.com"] }),
  ];
  const summary = summarizeRun(previewJson(steps, [{ severity: "info", message: "umapi: UMAPI validated 5 command(s) for 5 planned change(s) in 2 testOnly request(s) (1 read(s)); nothing was changed\n" }]));

  it("counts each kind once: users, memberships, admin roles", () => {
    expect(summary.changes.counts).toEqual(counts({ users: [0, 1, 2], memberships: [3, 0, 1], adminRoles: [1, 0, 0] }));
  });

  it("lists removals first, account deletions before the rest and called out", () => {
    const text = renderSummary(summary, { format: "text" });
    expect(text.indexOf("Removals (2)")).toBeLessThan(text.indexOf("Admin roles (1)"));
    expect(text).toContain("!! 1 account deletion: cy@example.com: permanently deleted");
    expect(text).toMatch(/ACCOUNT DELETED: cy@example.com \(onDelete: deleteAccount\)\n {2}- bob@example.com: removed from the org, the account stays \(onDelete: removeFromOrg\)/);
  });

  it("shows a rename as one, the memberships per group and the checks", () => {
    const md = renderSummary(summary);
    expect(md).toContain("- user `ann@example.com` → `ann.b@example.com`");
    expect(md).toContain("- `ann.b@example.com`: firstName `F` → `Ann`");
    expect(md).toContain("- `Design`: +1 −0 · added `dee@example.com`");
    expect(md).toContain("- `Review`: +2 −1 · added `ann.b@example.com`, `y@example.com` · removed `x@example.com`");
    expect(md).toContain("- UMAPI validation: UMAPI validated 5 command(s)");
    expect(md).toContain("- removal budget: 2 of 3 users (settings.removalBudget 3, of the 3 users the stack managed)");
  });
});

describe("the same plan with users in AdobeUsers sets (org.yaml's layout)", () => {
  const set = (users: Record<string, unknown>[]) => ({ users: Object.fromEntries(users.map((u) => [String(u.email).toLowerCase(), u])) });
  const steps = [
    stack({ managedUsers: ["ann@example.com", "bob@example.com", "cy@example.com"], settings: { adopt: false, removalBudget: { kind: "count", count: 3 } } }),
    update(
      "AdobeUsers",
      "users:07",
      set([user("cy@example.com", { onDelete: "deleteAccount" }), user("bob@example.com"), user("ann@example.com", { groups: ["Design"] })]),
      set([user("ann.b@example.com", { firstName: "Ann", groups: ["Design", "Review"], renamedFrom: ["ann@example.com"] }), user("eve@example.com", { groups: ["Review"], adopt: true })]),
    ),
  ];
  const summary = summarizeRun(previewJson(steps));

  it("summarises each user of the set as its own AdobeUser: removals, a rename, a new user, fields and memberships", () => {
    expect(summary.changes.counts).toEqual(counts({ users: [1, 1, 2], memberships: [2, 0, 0] }));
    const text = renderSummary(summary, { format: "text" });
    expect(text).toContain("ACCOUNT DELETED: cy@example.com (onDelete: deleteAccount)");
    expect(text).toContain("- bob@example.com: removed from the org, the account stays (onDelete: removeFromOrg)");
    expect(text).toContain("- user ann@example.com → ann.b@example.com");
    expect(text).toContain("- ann.b@example.com: firstName F → Ann");
    expect(text).toContain("New users (1):\n  - eve@example.com");
    expect(text).toContain("- Review: +2 −0 · added ann.b@example.com, eve@example.com");
  });
});

describe("a plan of 10,000 changes", () => {
  const emails = Array.from({ length: 10_000 }, (_, i) => `user${String(i).padStart(5, "0")}@example.com`);
  const steps = [
    ...emails.slice(0, 4_000).map((e) => create("AdobeUser", `user:${e}`, user(e, { groups: ["Design Team"] }))),
    ...emails.slice(4_000, 7_000).map((e) => remove("AdobeUser", `user:${e}`, user(e, { onDelete: "deleteAccount" }))),
    ...emails.slice(7_000).map((e) => update("AdobeUser", `user:${e}`, user(e), user(e, { lastName: "Changed" }))),
  ];
  const summary = summarizeRun(previewJson(steps));

  it("stays under GitHub's comment limit, in markdown and text, with exact counts", () => {
    for (const format of ["markdown", "text"] as const) {
      const out = renderSummary(summary, { format });
      expect(out.length).toBeLessThanOrEqual(60_000);
      expect(out.length).toBeLessThan(GITHUB_COMMENT_LIMIT);
      expect(out).toContain("Removals (3000)");
      expect(out).toContain("New users (4000)");
      expect(out).toContain("Field changes (3000)");
      expect(out).toContain("Memberships (+4000 −0 in 1 group)");
    }
    const md = renderSummary(summary);
    expect(md).toContain("| Users | 4000 | 3000 | 3000 |");
    expect(md).toContain("- _… and 2950 more_");
    expect(md).toMatch(/`Design Team`: \+4000 −0 · added (`user\d+@example.com`, ){19}`user\d+@example.com` and 3980 more/);
  });

  it("tightens its cuts for a smaller limit instead of truncating, the counts unchanged", () => {
    const small = renderSummary(summary, { maxChars: 4_000 });
    expect(small.length).toBeLessThanOrEqual(4_000);
    expect(small).toContain("Removals (3000)");
    expect(small).toContain("| Users | 4000 | 3000 | 3000 |");
    expect(small).not.toContain("(cut:");
  });
});

describe("a renamed user group", () => {
  it("is one rename: its profiles, members and admins follow it without a change of their own", () => {
    const steps = [
      update("UserGroup", "group:new", { name: "Old" }, { name: "New" }, "group:old"),
      update("UserGroupProductProfile", "profile:new:p", { group: "Old", productProfile: "P" }, { group: "New", productProfile: "P" }, "profile:old:p"),
      update("GroupMembers", "members:new", { group: "Old", users: ["a@example.com"] }, { group: "New", users: ["a@example.com"] }, "members:old"),
      update("AdminRoleAssignment", "role:a:_admin_new", { user: "a@example.com", role: "userGroupAdmin", target: "Old" }, { user: "a@example.com", role: "userGroupAdmin", target: "New" }, "role:a:_admin_old"),
      update("AdobeUser", "user:b@example.com", user("b@example.com", { groups: ["Old"] }), user("b@example.com", { groups: ["New"] })),
    ];
    const { changes } = summarizeRun(previewJson(steps));
    expect(changes.renames).toEqual([{ kind: "userGroup", from: "Old", to: "New" }]);
    expect(changes.counts).toEqual(counts({ userGroups: [0, 1, 0] }));
  });
});

describe("the preview document (not streamed)", () => {
  it("says the preview failed, and that it cannot say which policies were violated", () => {
    const json = previewJson([create("UserGroup", "group:design", { name: "Design" })], [{ severity: "error", message: "error: preview failed\n" }]);
    const text = renderSummary(summarizeRun(json), { format: "text" });
    expect(text).toMatch(/^Adobe org plan \(the preview failed\): 1 change\n/);
    expect(text).toContain("Policy violations (unknown):\n  - not in this JSON: the preview document of pulumi --json omits them; run the preview with PULUMI_ENABLE_STREAMING_JSON_PREVIEW=true\n");
  });
});

/** Every kind's counts: [added, changed, removed] for the kinds given, zero for the others. */
function counts(given: Partial<Record<SummaryKind, [number, number, number]>>) {
  return Object.fromEntries(SUMMARY_KINDS.map((k) => [k, { added: given[k]?.[0] ?? 0, changed: given[k]?.[1] ?? 0, removed: given[k]?.[2] ?? 0 }]));
}
