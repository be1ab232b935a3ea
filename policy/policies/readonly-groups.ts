import type { ResourceValidationPolicy } from "@pulumi/policy";
import { GroupNameSet } from "../lib/groups";
import { propsOf, stringsOf, usersOf } from "../lib/resources";

export interface ReadonlyGroupsConfig {
  /** Names of user groups shared from another org (isReadOnly: true). Default: none (the policy does not apply). */
  groups?: string[];
}

const READ_ONLY = "a read-only group shared from another org";

export const readonlyGroups: ResourceValidationPolicy = {
  name: "readonly-groups",
  description:
    "Shared read-only user groups cannot have members added or removed, and cannot be renamed or deleted; only their product profiles can change.",
  enforcementLevel: "mandatory",
  severity: "medium",
  remediationSteps:
    "Manage the group's membership in the org that owns it. Attaching product profiles with UserGroupProductProfile is still allowed.",
  configSchema: {
    properties: {
      groups: { type: "array", items: { type: "string" }, default: [], description: "Names of shared read-only user groups (case-insensitive)." },
    },
  },
  validateResource: (args, report) => {
    const configured = args.getConfig<ReadonlyGroupsConfig>().groups ?? [];
    if (configured.length === 0) return args.notApplicable("No read-only groups configured (readonly-groups.groups).");
    const readOnly = new GroupNameSet(configured);

    const membership = propsOf("GroupMembership", args);
    if (membership && readOnly.has(membership.group)) {
      report(
        `"${membership.group}" is ${READ_ONLY}: UMAPI refuses to add or remove its members, so "${membership.user}" cannot be added here. ` +
          "Delete this GroupMembership and manage the group's membership in the org that owns it.",
      );
    }
    const members = propsOf("GroupMembers", args);
    if (members && readOnly.has(members.group)) {
      report(
        `"${members.group}" is ${READ_ONLY}: UMAPI refuses to add or remove its members. ` +
          "Delete this GroupMembers and manage the group's membership in the org that owns it.",
      );
    }
    for (const { props: user } of usersOf(args)) {
      for (const group of stringsOf(user.groups).filter((g) => readOnly.has(g))) {
        report(
          `"${group}" in the groups of "${user.email}" is ${READ_ONLY}: UMAPI refuses to add members to it. ` +
            `Remove "${group}" from groups and manage the group's membership in the org that owns it.`,
        );
      }
    }
    const userGroup = propsOf("UserGroup", args);
    if (userGroup && readOnly.has(userGroup.name)) {
      report(
        `"${userGroup.name}" is ${READ_ONLY}: UMAPI refuses to rename, update or delete it. ` +
          "Delete this UserGroup resource; attaching product profiles to the group with UserGroupProductProfile is still allowed.",
      );
    }
  },
};
