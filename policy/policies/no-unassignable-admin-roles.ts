import type { ResourceValidationPolicy } from "@pulumi/policy";
import { grantedAdminGroup, isUnassignableAdminGroup } from "../lib/groups";
import { propsOf, stringsOf, usersOf } from "../lib/resources";

const WHY = "UMAPI can neither assign nor remove it (System Administrator and global-admin roles are managed in the Admin Console only)";

export const noUnassignableAdminRoles: ResourceValidationPolicy = {
  name: "no-unassignable-admin-roles",
  description: "Forbids _org_admin, _compartment_admin and _compartment_viewer anywhere in the stack: UMAPI cannot assign or remove them.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps: "Grant System Administrator and global-admin roles in the Adobe Admin Console, not with Pulumi.",
  validateResource: (args, report) => {
    const assignment = propsOf("AdminRoleAssignment", args);
    if (assignment) {
      const group = grantedAdminGroup(assignment.role, assignment.target);
      if (isUnassignableAdminGroup(group)) {
        report(`Assigning "${group}" to "${assignment.user}" is not possible: ${WHY}. Delete this AdminRoleAssignment and grant the role in the Admin Console.`);
      }
      return;
    }
    const membership = propsOf("GroupMembership", args);
    if (membership) {
      if (isUnassignableAdminGroup(membership.group)) {
        report(`Adding "${membership.user}" to "${membership.group}" is not possible: ${WHY}. Delete this GroupMembership and grant the role in the Admin Console.`);
      }
      return;
    }
    const members = propsOf("GroupMembers", args);
    if (members) {
      if (isUnassignableAdminGroup(members.group)) {
        report(`Managing the members of "${members.group}" is not possible: ${WHY}. Delete this GroupMembers and manage the role in the Admin Console.`);
      }
      return;
    }
    for (const { props: user } of usersOf(args)) {
      for (const group of stringsOf(user.groups).filter(isUnassignableAdminGroup)) {
        report(`Adding "${user.email}" to "${group}" through groups is not possible: ${WHY}. Remove "${group}" from groups and grant the role in the Admin Console.`);
      }
    }
  },
};
