import { describe, expect, it } from "vitest";
import { noMixedMembershipManagement as policy } from "../../policy/policies/no-mixed-membership-management";
import { adobeUser, groupMembers, groupMembership, groupProductProfile, userGroup } from "./fixtures";
import { NotApplicable, runStackPolicy, UNKNOWN, urnOf } from "./harness";

const FIGHT = "on every update each would remove the members the other adds";

/** A compliant stack: "Designers" is owned by GroupMembers; Jane joins "Marketing" both ways. */
const stack = () => [
  userGroup("designers"),
  userGroup("marketing", { name: "Marketing" }),
  groupMembers("designers-members"),
  groupProductProfile("designers-cc"),
  groupMembership("jane-marketing", { group: "Marketing" }),
  adobeUser("jane", { groups: ["Marketing"] }),
];

describe("no-mixed-membership-management", () => {
  it("passes a stack that manages each group's members one way", async () => {
    expect(await runStackPolicy(policy, stack())).toEqual([]);
  });

  it("does not apply to a stack without GroupMembers", async () => {
    await expect(runStackPolicy(policy, [groupMembership("m"), adobeUser("jane")])).rejects.toBeInstanceOf(NotApplicable);
  });

  it("refuses a GroupMembership edge into a group owned by GroupMembers, whatever the case", async () => {
    const edge = groupMembership("li-designers", { user: "li@example.com", group: "DESIGNERS" });
    expect(await runStackPolicy(policy, [...stack(), edge])).toEqual([
      {
        message:
          `GroupMembership "li-designers" adds "li@example.com" to "DESIGNERS", whose whole membership is owned by GroupMembers "designers-members": ${FIGHT}. ` +
          'Add "li@example.com" to the users of GroupMembers "designers-members" and delete this GroupMembership.',
        urn: urnOf(edge),
      },
    ]);
  });

  it("refuses an AdobeUser that lists a group owned by GroupMembers", async () => {
    const li = adobeUser("li", { email: "li@example.com", groups: ["Marketing", "Designers"] });
    expect(await runStackPolicy(policy, [...stack(), li])).toEqual([
      {
        message:
          `AdobeUser "li" lists "Designers" in groups, but GroupMembers "designers-members" owns that group's whole membership: ${FIGHT}. ` +
          'Remove "Designers" from groups and add "li@example.com" to the users of GroupMembers "designers-members".',
        urn: urnOf(li),
      },
    ]);
  });

  it("refuses a second GroupMembers for the same group", async () => {
    const second = groupMembers("designers-more", { group: "designers", users: ["li@example.com"] });
    expect(await runStackPolicy(policy, [...stack(), second])).toEqual([
      {
        message: `GroupMembers "designers-more" and GroupMembers "designers-members" both own the membership of "Designers": ${FIGHT}. Merge them into one GroupMembers.`,
        urn: urnOf(second),
      },
    ]);
  });

  it("skips values unknown during preview and still checks the rest", async () => {
    const unknownOwner = groupMembers("later", { group: UNKNOWN });
    const unknownEdge = groupMembership("unknown-group", { group: UNKNOWN });
    const edge = groupMembership("li-designers", { user: UNKNOWN, group: "Designers" });
    expect(await runStackPolicy(policy, [...stack(), unknownOwner, unknownEdge, edge])).toEqual([
      {
        message:
          `GroupMembership "li-designers" adds "the user" to "Designers", whose whole membership is owned by GroupMembers "designers-members": ${FIGHT}. ` +
          'Add "the user" to the users of GroupMembers "designers-members" and delete this GroupMembership.',
        urn: urnOf(edge),
      },
    ]);
  });
});
