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
} from "pulumi-adobe-umapi";

type Named<T> = T & { name: string; protect?: boolean };

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

for (const { name, protect, ...args } of scenario.groups ?? []) groups.set(args.name.toLowerCase(), new UserGroup(name, args, { protect }));
// Edges depend on the group resource when the group is declared here, so creates and deletes are ordered.
const dependsOn = (group: string) => {
  const g = groups.get(group.toLowerCase());
  return g ? { dependsOn: [g] } : {};
};
const users = (scenario.users ?? []).map(({ name, protect, ...args }) => new AdobeUser(name, args, { protect, ...(args.groups?.length ? { dependsOn: [...groups.values()] } : {}) }));
for (const { name, ...args } of scenario.memberships ?? []) new GroupMembership(name, args, { ...dependsOn(args.group), dependsOn: [...(dependsOn(args.group).dependsOn ?? []), ...users] });
for (const { name, ...args } of scenario.members ?? []) new GroupMembers(name, args, { dependsOn: [...(dependsOn(args.group).dependsOn ?? []), ...users] });
for (const { name, ...args } of scenario.profiles ?? []) new UserGroupProductProfile(name, args, dependsOn(args.group));
for (const { name, ...args } of scenario.roles ?? []) new AdminRoleAssignment(name, args, { dependsOn: [...groups.values(), ...users] });

export const userEmails = users.map((u) => u.email);
export const groupNames = [...groups.values()].map((g) => g.name);
