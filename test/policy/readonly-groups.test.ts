import { describe, expect, it } from "vitest";
import { readonlyGroups as policy } from "../../policy/policies/readonly-groups";
import { adobeUser, groupMembers, groupMembership, groupProductProfile, userGroup } from "./fixtures";
import { NotApplicable, runResourcePolicy } from "./harness";

const config = { groups: ["Shared Designers"] };
const SHARED = "a read-only group shared from another org";

describe("readonly-groups (reference §8.7: shared user groups)", () => {
  it("does not apply until read-only groups are configured", async () => {
    await expect(runResourcePolicy(policy, groupMembership("m", { group: "Shared Designers" }))).rejects.toEqual(
      new NotApplicable("No read-only groups configured (readonly-groups.groups)."),
    );
  });

  it("passes resources on other groups", async () => {
    for (const r of [adobeUser("jane"), userGroup("g"), groupMembership("m"), groupMembers("all")]) {
      expect(await runResourcePolicy(policy, r, config)).toEqual([]);
    }
  });

  it("allows attaching product profiles to a read-only group", async () => {
    expect(await runResourcePolicy(policy, groupProductProfile("p", { group: "Shared Designers" }), config)).toEqual([]);
  });

  it("refuses a GroupMembership into a read-only group, whatever the case", async () => {
    expect(await runResourcePolicy(policy, groupMembership("m", { group: "shared designers" }), config)).toEqual([
      `"shared designers" is ${SHARED}: UMAPI refuses to add or remove its members, so "jane@example.com" cannot be added here. ` +
        "Delete this GroupMembership and manage the group's membership in the org that owns it.",
    ]);
  });

  it("refuses a GroupMembers on a read-only group", async () => {
    expect(await runResourcePolicy(policy, groupMembers("all", { group: "Shared Designers" }), config)).toEqual([
      `"Shared Designers" is ${SHARED}: UMAPI refuses to add or remove its members. Delete this GroupMembers and manage the group's membership in the org that owns it.`,
    ]);
  });

  it("refuses a read-only group in AdobeUser.groups", async () => {
    expect(await runResourcePolicy(policy, adobeUser("jane", { groups: ["Designers", "Shared Designers"] }), config)).toEqual([
      `"Shared Designers" in the groups of "jane@example.com" is ${SHARED}: UMAPI refuses to add members to it. ` +
        `Remove "Shared Designers" from groups and manage the group's membership in the org that owns it.`,
    ]);
  });

  it("refuses a UserGroup that manages a read-only group", async () => {
    expect(await runResourcePolicy(policy, userGroup("shared", { name: "Shared Designers", adopt: true }), config)).toEqual([
      `"Shared Designers" is ${SHARED}: UMAPI refuses to rename, update or delete it. ` +
        "Delete this UserGroup resource; attaching product profiles to the group with UserGroupProductProfile is still allowed.",
    ]);
  });
});
