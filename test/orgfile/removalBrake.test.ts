/**
 * The removal brake: a run may remove at most the removal budget of the users the stack managed at
 * its last update, and no admin or protected user, unless the stack says so explicitly.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_REMOVAL_BUDGET, managedUsersOf, parseOrgFile, previousManagedUsers, removalBrake, removalOverridesOf, type ManagedUsers } from "../../provider";

const emails = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `user${String(from + i).padStart(3, "0")}@example.com`);
const managed = (keys: string[], adminUsers: string[] = []): ManagedUsers => ({ managedUsers: [...keys].sort(), adminUsers });

describe("managedUsersOf: the stack outputs managedUsers and adminUsers", () => {
  it("lists every declared user by lower-case email, sorted; admins are users with roles, group admins or protect", () => {
    const org = parseOrgFile(`
users:
  - { email: Zed@Example.com, firstName: Z, lastName: Z }
  - { email: amy@example.com, firstName: A, lastName: A, adminRoles: [supportAdmin] }
  - { email: pat@example.com, firstName: P, lastName: P, protect: true }
  - { email: gus@example.com, firstName: G, lastName: G }
  - { email: dan.diaz@fed.example.com, identityType: federatedID, username: ddiaz, domain: fed.example.com, firstName: D, lastName: D, country: ES }
userGroups:
  - { name: Design, admins: [GUS@example.com, outsider@example.com] }
`);
    const { userFingerprints, ...rest } = managedUsersOf(org);
    expect(rest).toEqual({
      managedUsers: ["amy@example.com", "dan.diaz@fed.example.com", "gus@example.com", "pat@example.com", "zed@example.com"],
      adminUsers: ["amy@example.com", "gus@example.com", "pat@example.com"],
      renamedFrom: [],
    });
    // One fingerprint per managed user, in order; users with the same names and country share one.
    expect(userFingerprints).toHaveLength(5);
    expect(new Set(userFingerprints).size).toBe(5);
  });

  it("is empty for a file without users", () => {
    expect(managedUsersOf(parseOrgFile("{}\n"))).toEqual({ managedUsers: [], adminUsers: [], userFingerprints: [], renamedFrom: [] });
  });
});

describe("previousManagedUsers: the outputs read back from the last update", () => {
  it("are absent on a first run, or when managedUsers is not a list of strings", () => {
    expect(previousManagedUsers({})).toBeUndefined();
    expect(previousManagedUsers({ managedUsers: "a@x.com" })).toBeUndefined();
    expect(previousManagedUsers({ managedUsers: [1, 2] })).toBeUndefined();
  });

  it("default adminUsers to none", () => {
    expect(previousManagedUsers({ managedUsers: ["a@x.com"] })).toEqual({ managedUsers: ["a@x.com"], adminUsers: [] });
  });
});

describe("the default budget: the larger of 5 users and 2% of the users managed", () => {
  it("is one constant", () => {
    expect(DEFAULT_REMOVAL_BUDGET).toEqual({ count: 5, percent: 2 });
  });

  it.each([
    [10, 5],
    [250, 5],
    [300, 6],
    [10_000, 200],
  ])("with %i users the limit is %i", (users, limit) => {
    expect(removalBrake({ previous: managed(emails(users)), declared: managed(emails(users)) }).limit).toBe(limit);
  });

  it("allows removing 5 of 8 users, refuses 6", () => {
    expect(removalBrake({ previous: managed(emails(8)), declared: managed(emails(3)) }).refusal).toBeUndefined();
    const res = removalBrake({ previous: managed(emails(8)), declared: managed(emails(2)) });
    expect(res.removals).toEqual(emails(6, 2));
    expect(res.refusal).toMatchInlineSnapshot(
      `"org.yaml would remove 6 users (budget 5: the default, the larger of 5 users and 2% of the 8 users the stack manages): user002@example.com, user003@example.com, user004@example.com, user005@example.com, user006@example.com, user007@example.com. To allow this run, set stack config umapi:allowRemovals to 6 (pulumi config set umapi:allowRemovals 6, or UMAPI_ALLOW_REMOVALS=6 for one run) or raise settings.removalBudget."`,
    );
  });
});

describe("settings.removalBudget", () => {
  it("a count: the message lists the first 10 removals", () => {
    const res = removalBrake({ previous: managed(emails(20)), declared: managed(emails(8)), budget: { kind: "count", count: 5 }, fileName: "org/prod.yaml" });
    expect(res.refusal).toMatchInlineSnapshot(
      `"org/prod.yaml would remove 12 users (budget 5: settings.removalBudget): user008@example.com, user009@example.com, user010@example.com, user011@example.com, user012@example.com, user013@example.com, user014@example.com, user015@example.com, user016@example.com, user017@example.com, … (first 10 of 12). To allow this run, set stack config umapi:allowRemovals to 12 (pulumi config set umapi:allowRemovals 12, or UMAPI_ALLOW_REMOVALS=12 for one run) or raise settings.removalBudget."`,
    );
  });

  it("a percentage of the users managed at the last update, rounded down", () => {
    const previous = managed(emails(199));
    expect(removalBrake({ previous, declared: managed(emails(195)), budget: { kind: "percent", percent: 2.5 } }).refusal).toBeUndefined();
    expect(removalBrake({ previous, declared: managed(emails(194)), budget: { kind: "percent", percent: 2.5 } }).refusal).toMatch(
      /^org\.yaml would remove 5 users \(budget 4: settings\.removalBudget 2\.5% of 199 users\): /,
    );
  });

  it("0 refuses any removal", () => {
    expect(removalBrake({ previous: managed(emails(2)), declared: managed(emails(1)), budget: { kind: "count", count: 0 } }).refusal).toMatch(/would remove 1 user \(budget 0/);
  });
});

describe("nothing to check", () => {
  it("on the first run (no previous outputs)", () => {
    expect(removalBrake({ previous: undefined, declared: managed([]) })).toEqual({ removals: [], adminRemovals: [], limit: 5 });
  });

  it("when users are only added", () => {
    expect(removalBrake({ previous: managed(emails(3)), declared: managed(emails(30)), budget: { kind: "count", count: 0 } }).refusal).toBeUndefined();
  });
});

describe("admins and protected users are never removed without umapi:allowAdminRemovals", () => {
  const previous = managed(emails(8), ["user001@example.com"]);

  it("refuses removing one admin, within the budget", () => {
    const res = removalBrake({ previous, declared: managed(emails(8).filter((e) => e !== "user001@example.com")) });
    expect(res.adminRemovals).toEqual(["user001@example.com"]);
    expect(res.refusal).toMatchInlineSnapshot(
      `"org.yaml removes admin users (admin roles or protect: true at the last update): user001@example.com. To remove them, set stack config umapi:allowAdminRemovals true (pulumi config set umapi:allowAdminRemovals true, or UMAPI_ALLOW_ADMIN_REMOVALS=true for one run)."`,
    );
  });

  it("states both reasons when both apply", () => {
    const lines = removalBrake({ previous, declared: managed([]) }).refusal?.split("\n");
    expect(lines).toEqual([expect.stringMatching(/^org\.yaml would remove 8 users \(budget 5: /), expect.stringMatching(/^org\.yaml removes admin users .*: user001@example\.com\. /)]);
  });

  it("allows it with the override; allowRemovals alone is not enough", () => {
    const declared = managed(emails(7, 1).filter((e) => e !== "user001@example.com"));
    expect(removalBrake({ previous, declared, overrides: { allowAdminRemovals: true } }).refusal).toBeUndefined();
    expect(removalBrake({ previous, declared, overrides: { allowRemovals: 100 } }).refusal).toMatch(/^org\.yaml removes admin users/);
  });
});

describe("umapi:allowRemovals", () => {
  const previous = managed(emails(20));
  const declared = managed(emails(8));

  it("allows a run removing at most that many users", () => {
    expect(removalBrake({ previous, declared, overrides: { allowRemovals: 12 } }).refusal).toBeUndefined();
    expect(removalBrake({ previous, declared, overrides: { allowRemovals: 11 } }).refusal).toMatch(/set stack config umapi:allowRemovals to 12/);
  });
});

describe("removalOverridesOf: stack config first, then the environment", () => {
  it("reads numbers and booleans", () => {
    expect(removalOverridesOf({}, {})).toEqual({});
    expect(removalOverridesOf({}, { UMAPI_ALLOW_REMOVALS: "", UMAPI_ALLOW_ADMIN_REMOVALS: "" })).toEqual({});
    expect(removalOverridesOf({}, { UMAPI_ALLOW_REMOVALS: "12", UMAPI_ALLOW_ADMIN_REMOVALS: "TRUE" })).toEqual({ allowRemovals: 12, allowAdminRemovals: true });
    expect(removalOverridesOf({ allowRemovals: "3", allowAdminRemovals: "false" }, { UMAPI_ALLOW_REMOVALS: "12", UMAPI_ALLOW_ADMIN_REMOVALS: "true" })).toEqual({
      allowRemovals: 3,
      allowAdminRemovals: false,
    });
  });

  it("takes a number or all (shared with the provider's removal breaker)", () => {
    expect(removalOverridesOf({ allowRemovals: "all" }, {})).toEqual({ allowRemovals: "all" });
    expect(removalOverridesOf({}, { UMAPI_ALLOW_REMOVALS: " 12 " })).toEqual({ allowRemovals: 12 });
    const previous = { managedUsers: Array.from({ length: 40 }, (_, i) => `u${i}@example.com`), adminUsers: [] };
    const declared = { managedUsers: [], adminUsers: [] };
    expect(removalBrake({ previous, declared }).refusal).toBeDefined();
    expect(removalBrake({ previous, declared, overrides: { allowRemovals: "all" } }).refusal).toBeUndefined();
  });

  it("refuses malformed values with the setting's name", () => {
    expect(() => removalOverridesOf({ allowRemovals: "lots" }, {})).toThrow('umapi:allowRemovals (or UMAPI_ALLOW_REMOVALS) must be a whole number or "all", got "lots"');
    expect(() => removalOverridesOf({}, { UMAPI_ALLOW_ADMIN_REMOVALS: "yes" })).toThrow('umapi:allowAdminRemovals (or UMAPI_ALLOW_ADMIN_REMOVALS) must be true or false, got "yes"');
  });
});
