/** `renamedFrom` in org.yaml: where it may point, and what the removal brake makes of it. */
import { describe, expect, it } from "vitest";
import { managedUsersOf, parseOrgFile, removalBrake, renameHints } from "../../provider";
import { problems } from "./fixtures";

const user = (email: string, extra = "") => `  - { email: ${email}, firstName: Bob, lastName: Berg, country: US${extra} }`;

describe("renamedFrom", () => {
  it("takes an earlier email or name, or a list of them", () => {
    const org = parseOrgFile(`users:\n${user("robert@example.com", ", renamedFrom: bob@example.com")}\nuserGroups:\n  - { name: Review Board, renamedFrom: [Reviewers, Readers] }\n`);
    expect(org.users![0]!.renamedFrom).toBe("bob@example.com");
    expect(org.userGroups![0]!.renamedFrom).toEqual(["Reviewers", "Readers"]);
  });

  it("refuses an earlier email that another user has now, at that user's email", () => {
    expect(problems(`users:\n${user("robert@example.com", ", renamedFrom: bob@example.com")}\n${user("Bob@example.com")}\n`)).toEqual([
      'org.yaml:3:14 users[1].email: "Bob@example.com" is the earlier email of users[0] (robert@example.com, renamedFrom): one user cannot be both. Give this user another email, or remove "bob@example.com" from users[0].renamedFrom',
    ]);
  });

  it("refuses one earlier name claimed by two groups", () => {
    expect(problems("userGroups:\n  - { name: A, renamedFrom: Old }\n  - { name: B, renamedFrom: [Old] }\n")).toEqual([
      'org.yaml:3:30 userGroups[1].renamedFrom[0]: "Old" is also the earlier name at userGroups[0].renamedFrom: one user group can only become one user group',
    ]);
  });

  it("refuses it on an Adobe ID, whose email UMAPI cannot change", () => {
    expect(problems("users:\n  - { email: me@gmail.com, identityType: adobeID, renamedFrom: old@gmail.com }\n")[0]).toMatch(
      /^org\.yaml:2:\d+ users\[0\]\.renamedFrom: an Adobe ID belongs to its owner: UMAPI cannot change its email/,
    );
  });
});

describe("the removal brake and renames", () => {
  const previousOf = (text: string) => managedUsersOf(parseOrgFile(text));

  it("counts a declared rename as no removal", () => {
    const before = previousOf(`users:\n${user("bob@example.com", ", adminRoles: [supportAdmin]")}\n`);
    const after = previousOf(`users:\n${user("robert@example.com", ", adminRoles: [supportAdmin], renamedFrom: bob@example.com")}\n`);
    expect(removalBrake({ previous: before, declared: after, budget: { kind: "count", count: 0 } })).toMatchObject({ removals: [], adminRemovals: [] });
    expect(renameHints(before, after)).toEqual([]);
  });

  it("without renamedFrom, a removed and an added user with the same names are a hint, not a rename", () => {
    const before = previousOf(`users:\n${user("bob@example.com")}\n`);
    const after = previousOf(`users:\n${user("robert@example.com")}\n`);
    expect(removalBrake({ previous: before, declared: after }).removals).toEqual(["bob@example.com"]);
    expect(renameHints(before, after)).toEqual([
      'org.yaml removes bob@example.com and adds robert@example.com with the same names, country and identity type: this looks like a change of email, which would remove bob@example.com from the org and create a new, empty account. To keep the same Adobe account (its files, groups and roles), add "renamedFrom: bob@example.com" to robert@example.com in org.yaml.',
    ]);
  });
});
