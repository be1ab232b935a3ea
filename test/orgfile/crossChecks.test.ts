/**
 * The checks only a whole org file can make. UMAPI compares names ignoring case, so duplicates do too.
 */
import { describe, expect, it } from "vitest";
import { parseOrgFile } from "../../provider";
import { problems } from "./fixtures";

const user = (email: string, extra = "") => `  - email: ${email}\n    firstName: F\n    lastName: L\n${extra}`;

describe("duplicates", () => {
  it("an email declared twice, in any letter case", () => {
    expect(problems(`users:\n${user("alice@example.com")}${user("Alice@Example.com")}`)).toEqual([
      'org.yaml:5:12 users[1].email: duplicates the email "Alice@Example.com" of users[0].email: emails are case-insensitive: merge the two users',
    ]);
  });

  it("a user group declared twice", () => {
    expect(problems(`userGroups:\n  - name: Design Team\n  - name: design team\n`)).toEqual([
      'org.yaml:3:11 userGroups[1].name: duplicates the user group "design team" of userGroups[0].name: group names are case-insensitive: merge the two groups',
    ]);
  });

  it("a group listed twice in a user's groups, a profile twice in a group's productProfiles", () => {
    expect(problems(`users:\n${user("a@example.com", "    groups: [Design Team, DESIGN TEAM]\n")}userGroups:\n  - name: Design Team\n    productProfiles: [Photoshop Users, photoshop users]\n`)).toEqual([
      'org.yaml:5:27 users[0].groups[1]: duplicates the group "DESIGN TEAM" of users[0].groups[0]: remove the second one',
      'org.yaml:8:40 userGroups[0].productProfiles[1]: duplicates the product profile "photoshop users" of userGroups[0].productProfiles[0]: remove the second one',
    ]);
  });

  it("a member listed twice (the GroupMembers rule)", () => {
    expect(problems(`userGroups:\n  - name: Design Team\n    members: [a@example.com, A@example.com]\n`)).toEqual(["org.yaml:3:14 userGroups[0].members: lists a user twice"]);
  });

  it("the same admin role declared in a user's adminRoles and in a group's admins", () => {
    const text = `users:\n${user("a@example.com", "    adminRoles: [{ role: userGroupAdmin, target: Design Team }]\n")}userGroups:\n  - name: Design Team\n    admins: [A@example.com, b@example.com, b@example.com]\n`;
    expect(problems(text)).toEqual([
      "org.yaml:8:14 userGroups[0].admins[0]: declares _admin_Design Team for A@example.com again (first at users[0].adminRoles[0]): keep one",
      "org.yaml:8:44 userGroups[0].admins[2]: declares _admin_Design Team for b@example.com again (first at userGroups[0].admins[1]): keep one",
    ]);
  });
});

describe("GroupMembers and memberships on one group", () => {
  it("a group with members must not be in a user's groups", () => {
    const text = `users:\n${user("a@example.com", "    groups: [marketing]\n")}userGroups:\n  - name: Marketing\n    members: [b@example.com]\n`;
    expect(problems(text)).toEqual([
      'org.yaml:5:14 users[0].groups[0]: lists "marketing", whose whole member list userGroups[0].members declares (a GroupMembers resource): this AdobeUser membership and GroupMembers would undo each other on every update (the GroupMembership/GroupMembers mix). Add a@example.com to userGroups[0].members and remove "marketing" here',
    ]);
  });

  it("a group without members may be in users' groups", () => {
    expect(() => parseOrgFile(`users:\n${user("a@example.com", "    groups: [Marketing]\n")}userGroups:\n  - name: Marketing\n`)).not.toThrow();
  });
});
