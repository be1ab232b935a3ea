/**
 * A program driven by a scenario value (stack config `scenario`, JSON): tests change the scenario
 * and run the real CLI to see the org follow.
 */
import * as pulumi from "@pulumi/pulumi";
import {
  AdminRoleAssignment,
  AdobeUser,
  GroupMembers,
  GroupMembership,
  UserGroup,
  UserGroupProductProfile,
  type AdminRoleAssignmentArgs,
  type AdobeUserArgs,
  type GroupMembersArgs,
  type GroupMembershipArgs,
  type UserGroupArgs,
  type UserGroupProductProfileArgs,
  validateOnPreview,
} from "pulumi-adobe-umapi";

/** `resource` is the Pulumi resource name; the rest are the resource's arguments. */
type Named<T> = T & { resource: string; protect?: boolean };

export interface Scenario {
  users?: Named<AdobeUserArgs>[];
  groups?: Named<UserGroupArgs>[];
  memberships?: Named<GroupMembershipArgs>[];
  members?: Named<GroupMembersArgs>[];
  profiles?: Named<UserGroupProductProfileArgs>[];
  roles?: Named<AdminRoleAssignmentArgs>[];
}

const scenario = new pulumi.Config().requireObject<Scenario>("scenario");
const groups = new Map<string, UserGroup>();

for (const { resource, protect, ...args } of scenario.groups ?? []) groups.set(args.name.toLowerCase(), new UserGroup(resource, args, { protect }));
// Edges depend on the group resource when the group is declared here, so creates and deletes are ordered.
const dependsOn = (group: string) => {
  const g = groups.get(group.toLowerCase());
  return g ? { dependsOn: [g] } : {};
};
const users = (scenario.users ?? []).map(({ resource, protect, ...args }) => new AdobeUser(resource, args, { protect, ...(args.groups?.length ? { dependsOn: [...groups.values()] } : {}) }));
for (const { resource, ...args } of scenario.memberships ?? []) new GroupMembership(resource, args, { ...dependsOn(args.group), dependsOn: [...(dependsOn(args.group).dependsOn ?? []), ...users] });
for (const { resource, ...args } of scenario.members ?? []) new GroupMembers(resource, args, { dependsOn: [...(dependsOn(args.group).dependsOn ?? []), ...users] });
for (const { resource, ...args } of scenario.profiles ?? []) new UserGroupProductProfile(resource, args, dependsOn(args.group));
for (const { resource, ...args } of scenario.roles ?? []) new AdminRoleAssignment(resource, args, { dependsOn: [...groups.values(), ...users] });

export const userEmails = users.map((u) => u.email);
export const groupNames = [...groups.values()].map((g) => g.name);
// A TypeScript program's validated preview: the helper, after everything is declared.
export const umapiPlan = new pulumi.Config().getBoolean("validate") ? validateOnPreview() : undefined;
