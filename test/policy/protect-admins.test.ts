import { describe, expect, it } from "vitest";
import { protectAdmins as policy } from "../../policy/policies/protect-admins";
import { adminRole, adobeUser, groupMembership } from "./fixtures";
import { NotApplicable, runStackPolicy, UNKNOWN, urnOf } from "./harness";

const ADVICE = "deleting or replacing it would remove an administrator from the org. Add the resource option { protect: true }.";

/** A compliant stack: Jane is a group admin and protected; Li is not an admin. */
const jane = (opts = { protect: true }) => adobeUser("jane", {}, opts);
const li = adobeUser("li", { email: "li@example.com" });
const stack = () => [jane(), li, adminRole("jane-designers-admin")];

describe("protect-admins", () => {
  it("passes when every admin is protected", async () => {
    expect(await runStackPolicy(policy, stack())).toEqual([]);
  });

  it("does not apply to a stack that grants no admin role", async () => {
    await expect(runStackPolicy(policy, [jane({ protect: false }), li])).rejects.toBeInstanceOf(NotApplicable);
  });

  it("advises protecting a user who receives an AdminRoleAssignment (matched case-insensitively)", async () => {
    const user = jane({ protect: false });
    const role = adminRole("jane-support", { user: "JANE@example.com", role: "supportAdmin", target: undefined });
    expect(await runStackPolicy(policy, [user, li, role])).toEqual([
      { message: `AdobeUser "jane" ("jane@example.com") holds the admin group "_support_admin" but is not protected: ${ADVICE}`, urn: urnOf(user) },
    ]);
  });

  it("advises protecting a user with admin groups in groups or through GroupMembership", async () => {
    const admin = adobeUser("li", { email: "li@example.com", groups: ["Designers", "_product_admin_Photoshop", "_deployment_admin"] });
    const edge = groupMembership("li-dev", { user: "li@example.com", group: "_developer_CC All Apps" });
    expect(await runStackPolicy(policy, [jane(), admin, edge])).toEqual([
      {
        message: `AdobeUser "li" ("li@example.com") holds the admin groups "_developer_CC All Apps", "_product_admin_Photoshop" and "_deployment_admin" but is not protected: ${ADVICE}`,
        urn: urnOf(admin),
      },
    ]);
  });

  it("matches assignments to non-email usernames", async () => {
    const user = adobeUser("jdoe", { username: "jdoe", domain: "example.com" });
    const role = adminRole("jdoe-admin", { user: "jdoe", userDomain: "example.com", role: "userGroupAdmin", target: "Designers" });
    expect(await runStackPolicy(policy, [user, role])).toEqual([
      { message: `AdobeUser "jdoe" ("jane@example.com") holds the admin group "_admin_Designers" but is not protected: ${ADVICE}`, urn: urnOf(user) },
    ]);
  });

  it("ignores admins not declared in the stack and assignments to unknown users", async () => {
    const other = adminRole("ext-admin", { user: "ext@partner.com" });
    const unknownUser = adminRole("later", { user: UNKNOWN });
    expect(await runStackPolicy(policy, [jane(), li, other, unknownUser])).toEqual([]);
  });
});
