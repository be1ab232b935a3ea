import type { PolicyResource, ReportViolation, StackValidationPolicy } from "@pulumi/policy";
import { groupKey } from "../lib/groups";
import { knownString, knownStrings, resourcesOf } from "../lib/resources";

/** The GroupMembers resources of a stack by group key: each claims its group's whole membership. */
type Owners = Map<string, { group: string; owners: PolicyResource[] }>;

function ownersByGroup(resources: PolicyResource[]): Owners {
  const byGroup: Owners = new Map();
  for (const { resource, props } of resourcesOf("GroupMembers", resources)) {
    const group = knownString(() => props.group);
    if (group === undefined) continue;
    const entry = byGroup.get(groupKey(group)) ?? { group, owners: [] };
    entry.owners.push(resource);
    byGroup.set(groupKey(group), entry);
  }
  return byGroup;
}

const FIGHT = "on every update each would remove the members the other adds";

function checkDuplicateOwners(owners: Owners, report: ReportViolation): void {
  for (const { group, owners: [first, ...others] } of owners.values()) {
    for (const other of others) {
      report(`GroupMembers "${other.name}" and GroupMembers "${first.name}" both own the membership of "${group}": ${FIGHT}. Merge them into one GroupMembers.`, other.urn);
    }
  }
}

function checkMemberships(resources: PolicyResource[], owners: Owners, report: ReportViolation): void {
  for (const { resource, props } of resourcesOf("GroupMembership", resources)) {
    const group = knownString(() => props.group);
    const owner = group === undefined ? undefined : owners.get(groupKey(group))?.owners[0];
    if (!owner) continue;
    const user = knownString(() => props.user) ?? "the user";
    report(
      `GroupMembership "${resource.name}" adds "${user}" to "${group}", whose whole membership is owned by GroupMembers "${owner.name}": ${FIGHT}. ` +
        `Add "${user}" to the users of GroupMembers "${owner.name}" and delete this GroupMembership.`,
      resource.urn,
    );
  }
}

function checkUserGroups(resources: PolicyResource[], owners: Owners, report: ReportViolation): void {
  for (const { resource, props } of resourcesOf("AdobeUser", resources)) {
    const email = knownString(() => props.email) ?? "the user";
    for (const group of knownStrings(() => props.groups)) {
      const owner = owners.get(groupKey(group))?.owners[0];
      if (!owner) continue;
      report(
        `AdobeUser "${resource.name}" lists "${group}" in groups, but GroupMembers "${owner.name}" owns that group's whole membership: ${FIGHT}. ` +
          `Remove "${group}" from groups and add "${email}" to the users of GroupMembers "${owner.name}".`,
        resource.urn,
      );
    }
  }
}

export const noMixedMembershipManagement: StackValidationPolicy = {
  name: "no-mixed-membership-management",
  description:
    "A group whose membership is owned by a GroupMembers resource must not also get members from GroupMembership resources, AdobeUser groups or a second GroupMembers.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps: "Manage each group's members one way: either one GroupMembers listing all of them, or GroupMembership / AdobeUser groups.",
  validateStack: (args, report) => {
    const owners = ownersByGroup(args.resources);
    if (owners.size === 0) return args.notApplicable("No GroupMembers resources in the stack.");
    checkDuplicateOwners(owners, report);
    checkMemberships(args.resources, owners, report);
    checkUserGroups(args.resources, owners, report);
  },
};
