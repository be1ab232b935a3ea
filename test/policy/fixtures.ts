/** Compliant resources: each test breaks one field. */
import type { PolicyResourceOptions } from "@pulumi/policy";
import {
  typeToken,
  type AdminRoleAssignmentArgs,
  type AdobeUserArgs,
  type GroupMembersArgs,
  type GroupMembershipArgs,
  type UserGroupArgs,
  type UserGroupProductProfileArgs,
} from "../../provider/resources/types";
import type { TestResource } from "./harness";

/** Props as a test may write them: any field may be broken, removed (undefined) or unknown. */
type Loose<T> = { [K in keyof T]?: unknown } & Record<string, unknown>;

function fixture<T extends object>(kind: Parameters<typeof typeToken>[0], defaults: T) {
  return (name: string, overrides: Loose<T> = {}, opts?: Partial<PolicyResourceOptions>): TestResource => {
    const props: Record<string, unknown> = { ...defaults, ...overrides };
    for (const k of Object.keys(props)) if (props[k] === undefined) delete props[k];
    return { type: typeToken(kind), name, props, ...(opts ? { opts } : {}) };
  };
}

export const adobeUser = fixture<AdobeUserArgs>("AdobeUser", {
  identityType: "federatedID",
  email: "jane@example.com",
  firstName: "Jane",
  lastName: "Doe",
  country: "US",
  groups: ["Designers"],
});

export const userGroup = fixture<UserGroupArgs>("UserGroup", { name: "Designers", description: "Design team" });

export const groupMembership = fixture<GroupMembershipArgs>("GroupMembership", { user: "jane@example.com", group: "Designers" });

export const groupMembers = fixture<GroupMembersArgs>("GroupMembers", { group: "Designers", users: ["jane@example.com", "li@example.com"] });

export const groupProductProfile = fixture<UserGroupProductProfileArgs>("UserGroupProductProfile", {
  group: "Designers",
  productProfile: "Creative Cloud All Apps",
});

export const adminRole = fixture<AdminRoleAssignmentArgs>("AdminRoleAssignment", {
  user: "jane@example.com",
  role: "userGroupAdmin",
  target: "Designers",
});
