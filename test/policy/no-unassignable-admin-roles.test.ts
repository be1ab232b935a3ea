import { describe, expect, it } from "vitest";
import { noUnassignableAdminRoles as policy } from "../../policy/policies/no-unassignable-admin-roles";
import { adminRole, adobeUser, groupMembers, groupMembership, groupProductProfile, userGroup } from "./fixtures";
import { runResourcePolicy, UNKNOWN } from "./harness";

const WHY = "UMAPI can neither assign nor remove it (System Administrator and global-admin roles are managed in the Admin Console only)";

describe("no-unassignable-admin-roles (reference §8.4: _org_admin, _compartment_admin, _compartment_viewer)", () => {
  it("passes compliant resources of every kind", async () => {
    for (const r of [adobeUser("jane"), userGroup("designers"), groupMembership("m"), groupMembers("all"), groupProductProfile("p"), adminRole("a")]) {
      expect(await runResourcePolicy(policy, r)).toEqual([]);
    }
  });

  it("passes assignable admin roles", async () => {
    expect(await runResourcePolicy(policy, adminRole("support", { role: "supportAdmin", target: undefined }))).toEqual([]);
    expect(await runResourcePolicy(policy, adobeUser("jane", { groups: ["_admin_Designers", "_product_admin_Photoshop"] }))).toEqual([]);
  });

  it("refuses an AdminRoleAssignment whose role is an unassignable admin group", async () => {
    expect(await runResourcePolicy(policy, adminRole("org-admin", { role: "_org_admin", target: undefined }))).toEqual([
      `Assigning "_org_admin" to "jane@example.com" is not possible: ${WHY}. Delete this AdminRoleAssignment and grant the role in the Admin Console.`,
    ]);
  });

  it("refuses a GroupMembership into an unassignable admin group, whatever the case", async () => {
    expect(await runResourcePolicy(policy, groupMembership("m", { group: "_Compartment_Admin" }))).toEqual([
      `Adding "jane@example.com" to "_Compartment_Admin" is not possible: ${WHY}. Delete this GroupMembership and grant the role in the Admin Console.`,
    ]);
  });

  it("refuses a GroupMembers that manages an unassignable admin group", async () => {
    expect(await runResourcePolicy(policy, groupMembers("all", { group: "_compartment_viewer" }))).toEqual([
      `Managing the members of "_compartment_viewer" is not possible: ${WHY}. Delete this GroupMembers and manage the role in the Admin Console.`,
    ]);
  });

  it("refuses each unassignable admin group in AdobeUser.groups", async () => {
    expect(await runResourcePolicy(policy, adobeUser("jane", { groups: ["Designers", "_ORG_ADMIN", "_compartment_viewer"] }))).toEqual([
      `Adding "jane@example.com" to "_ORG_ADMIN" through groups is not possible: ${WHY}. Remove "_ORG_ADMIN" from groups and grant the role in the Admin Console.`,
      `Adding "jane@example.com" to "_compartment_viewer" through groups is not possible: ${WHY}. Remove "_compartment_viewer" from groups and grant the role in the Admin Console.`,
    ]);
  });

  it("leaves an unknown group to the SDK, which skips the policy during preview", async () => {
    await expect(runResourcePolicy(policy, groupMembership("m", { group: UNKNOWN }))).rejects.toThrow("can't be known during preview");
  });
});
