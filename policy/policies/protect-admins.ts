import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { grantedAdminGroup, isAdminGroup, quoteList } from "../lib/groups";
import { knownString, knownStrings, resourcesOf } from "../lib/resources";

const userKey = (user: string) => user.trim().toLowerCase();

/** Admin groups granted in the stack, by user (email or username, case-insensitive). */
function adminGrants(resources: PolicyResource[]): Map<string, string[]> {
  const grants = new Map<string, string[]>();
  const grant = (user: string | undefined, group: string | undefined) => {
    if (user === undefined || group === undefined) return;
    const list = grants.get(userKey(user)) ?? [];
    if (!list.includes(group)) list.push(group);
    grants.set(userKey(user), list);
  };
  for (const { props } of resourcesOf("AdminRoleAssignment", resources)) {
    const role = knownString(() => props.role);
    const target = knownString(() => props.target);
    grant(knownString(() => props.user), role === undefined ? undefined : grantedAdminGroup(role, target));
  }
  for (const { props } of resourcesOf("GroupMembership", resources)) {
    const group = knownString(() => props.group);
    if (group !== undefined && isAdminGroup(group)) grant(knownString(() => props.user), group);
  }
  for (const { props } of resourcesOf("AdobeUser", resources)) {
    const email = knownString(() => props.email);
    for (const group of knownStrings(() => props.groups).filter(isAdminGroup)) grant(email, group);
  }
  return grants;
}

export const protectAdmins: StackValidationPolicy = {
  name: "protect-admins",
  description: "AdobeUsers that hold admin roles (AdminRoleAssignment or admin groups) should be declared with protect: true.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps: "Add the resource option { protect: true } to the AdobeUser, so that a refactor or destroy cannot remove an administrator from the org.",
  validateStack: (args, report) => {
    const grants = adminGrants(args.resources);
    if (grants.size === 0) return args.notApplicable("No admin roles are granted in the stack.");
    for (const { resource, props } of resourcesOf("AdobeUser", args.resources)) {
      if (resource.opts.protect) continue;
      const email = knownString(() => props.email);
      const username = knownString(() => props.username);
      const held = [email, username].flatMap((u) => (u === undefined ? [] : (grants.get(userKey(u)) ?? [])));
      if (held.length === 0) continue;
      const groups = [...new Set(held)];
      report(
        `AdobeUser "${resource.name}" ("${email ?? username}") holds the admin ${groups.length === 1 ? "group" : "groups"} ${quoteList(groups)} but is not protected: ` +
          "deleting or replacing it would remove an administrator from the org. Add the resource option { protect: true }.",
        resource.urn,
      );
    }
  },
};
