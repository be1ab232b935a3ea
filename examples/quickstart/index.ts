/**
 * Quickstart: a user group with a product profile, two users, a membership and an admin role.
 * In your own project: `npm install pulumi-adobe-umapi` and `import … from "pulumi-adobe-umapi"`.
 */
import { AdminRoleAssignment, AdobeUser, GroupMembership, UserGroup, UserGroupProductProfile, getProductProfiles } from "pulumi-adobe-umapi";

const design = new UserGroup("design", { name: "Design Team", description: "Product designers" });
new UserGroupProductProfile("design-all-apps", { group: design.name, productProfile: "Default All Apps plan - 100 GB configuration" });

const alice = new AdobeUser(
  "alice",
  { identityType: "enterpriseID", email: "alice@example.com", firstName: "Alice", lastName: "Anders", country: "US", groups: [design.name] },
  { protect: process.env.QUICKSTART_PROTECT !== "false" },
);
const bob = new AdobeUser("bob", { identityType: "federatedID", email: "bob@fed.example.com", firstName: "Bob", lastName: "Berg", country: "DE" });

new GroupMembership("bob-photoshop", { user: bob.email, group: "Photoshop Users" });
new AdminRoleAssignment("alice-design-admin", { user: alice.email, role: "userGroupAdmin", target: design.name });

// A lookup: the org's product profiles, read when the program runs.
export const productProfiles = getProductProfiles().then((ps) => ps.map((p) => p.groupName));
export const designGroup = design.name;
