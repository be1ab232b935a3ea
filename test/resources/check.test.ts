import { describe, expect, it } from "vitest";
import { checkInputs } from "../../provider/resources/validation";

const failures = (kind: Parameters<typeof checkInputs>[0], news: Record<string, unknown>) => checkInputs(kind, news).failures;
const enterprise = { identityType: "enterpriseID", email: "alice@example.com", firstName: "Alice", lastName: "Anders" };

describe("AdobeUser check names the property and the fix", () => {
  it("accepts a complete Enterprise ID", () => expect(failures("AdobeUser", enterprise)).toEqual([]));

  it.each([
    [{ email: "not-an-email" }, "email", "AdobeUser email is not a valid email address (ASCII local part, '@', a dotted domain)"],
    [{ email: `${"a".repeat(50)}@example.com` }, "email", "AdobeUser email is longer than UMAPI's 60-character limit for emails"],
    [{ country: "us" }, "country", 'AdobeUser country must be an upper-case ISO 3166-1 alpha-2 code such as "US" or "DE"'],
    [{ country: "XX" }, "country", "AdobeUser country is not an ISO 3166-1 alpha-2 country code"],
    [{ firstName: "x".repeat(251) }, "firstName", "AdobeUser firstName is longer than 250 characters"],
    [{ groups: ["_org_admin"] }, "groups.0", "AdobeUser groups.0 is an admin role UMAPI cannot assign or remove (_org_admin, _compartment_admin, _compartment_viewer): grant it in the Admin Console instead"],
    [{ onDelete: "purge" }, "onDelete", 'AdobeUser onDelete must be "removeFromOrg", "removeMemberships" or "deleteAccount"'],
  ])("%j → %s", (patch, property, reason) => {
    expect(failures("AdobeUser", { ...enterprise, ...patch })).toEqual([{ property, reason }]);
  });

  it("requires a country for Federated IDs (reference §8.1)", () => {
    expect(failures("AdobeUser", { ...enterprise, identityType: "federatedID" })).toEqual([
      { property: "country", reason: 'AdobeUser country is required for Federated IDs (UMAPI\'s createFederatedID needs it); set an ISO code such as "US"' },
    ]);
  });

  it("refuses a username or domain on an Adobe ID", () => {
    expect(failures("AdobeUser", { identityType: "adobeID", email: "c@gmail.com", username: "c", domain: "gmail.com" }).map((f) => f.property)).toEqual(["username", "domain"]);
  });

  it("needs a domain with a non-email username", () => {
    expect(failures("AdobeUser", { ...enterprise, identityType: "federatedID", country: "US", username: "jdoe" })).toEqual([
      { property: "domain", reason: 'AdobeUser domain is required with a non-email username: set the directory domain, e.g. "fed.example.com"' },
    ]);
  });

  it("names an unknown property", () => {
    expect(failures("AdobeUser", { ...enterprise, emial: "x" })).toEqual([{ property: "emial", reason: expect.stringContaining("AdobeUser emial") }]);
  });

  it("skips values unknown during preview", () => {
    expect(failures("AdobeUser", { ...enterprise, email: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" })).toEqual([]);
  });
});

describe("UserGroup, edges and roles", () => {
  it("refuses group names UMAPI reserves or cannot store", () => {
    expect(failures("UserGroup", { name: "_admins" })).toEqual([{ property: "name", reason: 'UserGroup name must not start with "_": UMAPI reserves such names for admin groups' }]);
    expect(failures("UserGroup", { name: "x".repeat(256) })[0]!.reason).toContain("255-character limit");
  });

  it("refuses the admin roles UMAPI cannot assign, with the reason", () => {
    expect(failures("AdminRoleAssignment", { user: "a@example.com", role: "_org_admin" })[0]!.reason).toContain("System administrator (_org_admin) and the global-admin roles");
    expect(failures("GroupMembership", { user: "a@example.com", group: "_compartment_viewer" })[0]!.property).toBe("group");
  });

  it("requires a target for scoped roles and refuses one for org-wide roles", () => {
    expect(failures("AdminRoleAssignment", { user: "a@example.com", role: "userGroupAdmin" })).toEqual([{ property: "target", reason: "AdminRoleAssignment target is required for role userGroupAdmin: the user group, product profile or product it administers" }]);
    expect(failures("AdminRoleAssignment", { user: "a@example.com", role: "supportAdmin", target: "X" })[0]!.property).toBe("target");
  });

  it("refuses a member listed twice in GroupMembers", () => {
    expect(failures("GroupMembers", { group: "Team", users: ["a@example.com", "A@example.com"] })).toEqual([{ property: "users", reason: "GroupMembers users lists a user twice" }]);
  });
});
