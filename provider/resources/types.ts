/**
 * Inputs and outputs of every resource, shared by the resource classes (program side), the
 * provider host (provider process) and the policy pack. Plain data only.
 */
export type IdentityType = "adobeID" | "enterpriseID" | "federatedID";
export type OnDelete = "removeFromOrg" | "removeMemberships" | "deleteAccount";

/** The module of every type token: `pulumi-nodejs:dynamic/umapi:<Type>`. */
export const TYPE_MODULE = "umapi";
export const RESOURCE_TYPES = ["AdobeUser", "UserGroup", "GroupMembership", "GroupMembers", "UserGroupProductProfile", "AdminRoleAssignment"] as const;
export type ResourceKind = (typeof RESOURCE_TYPES)[number];
export const typeToken = (kind: ResourceKind) => `pulumi-nodejs:dynamic/${TYPE_MODULE}:${kind}` as const;

export interface AdobeUserArgs {
  identityType: IdentityType;
  email: string;
  /** Federated IDs with a non-email login only. */
  username?: string;
  /** Directory domain of a non-email username. */
  domain?: string;
  firstName?: string;
  lastName?: string;
  /** ISO 3166-1 alpha-2, upper case. Required for Federated IDs; cannot be changed later. */
  country?: string;
  /** Direct memberships (user groups, product profiles, admin groups) sent with the create. */
  groups?: string[];
  /** What `pulumi destroy` does. Default "removeFromOrg". "deleteAccount" permanently deletes the account and its assets. */
  onDelete?: OnDelete;
  /** Adopt the user if it already exists in the org instead of failing. */
  adopt?: boolean;
  /** Allow a replace that deletes and re-creates the account (a country or identity-type change). */
  allowReplace?: boolean;
}

/** Set on a resource whose create did not report back; the next `up` finishes it. */
export interface Resumable {
  createIncomplete?: boolean;
}

export interface AdobeUserState extends AdobeUserArgs, Resumable {
  /** UMAPI's user id, when known from a read. */
  userId?: string;
  status?: string;
}

export interface UserGroupArgs {
  name: string;
  description?: string;
  adopt?: boolean;
}

export interface UserGroupState extends UserGroupArgs, Resumable {
  groupId?: number;
  /** True for groups shared from another org (read-only). */
  readOnly?: boolean;
}

export interface GroupMembershipArgs {
  /** The user's email, or a non-email username with `userDomain`. */
  user: string;
  userDomain?: string;
  /** A user group or product profile name. */
  group: string;
}

export interface GroupMembersArgs {
  /** The user group whose membership this resource owns entirely. */
  group: string;
  /** Every member of the group; members not listed are removed. */
  users: string[];
}

export interface UserGroupProductProfileArgs {
  group: string;
  productProfile: string;
}

export const ADMIN_ROLES = ["supportAdmin", "deploymentAdmin", "userGroupAdmin", "productProfileAdmin", "productAdmin", "developer"] as const;
export type AdminRole = (typeof ADMIN_ROLES)[number];

export interface AdminRoleAssignmentArgs {
  user: string;
  userDomain?: string;
  role: AdminRole;
  /** The user group (userGroupAdmin), product profile (productProfileAdmin, developer) or product name (productAdmin). */
  target?: string;
}

export interface AdminRoleAssignmentState extends AdminRoleAssignmentArgs, Resumable {
  /** The UMAPI admin group the role maps to, e.g. `_admin_Design Team`. */
  adminGroup: string;
}

/** The UMAPI admin group name of a role (reference §8.4). */
export function adminGroupName(role: AdminRole, target?: string): string {
  switch (role) {
    case "supportAdmin":
      return "_support_admin";
    case "deploymentAdmin":
      return "_deployment_admin";
    case "userGroupAdmin":
    case "productProfileAdmin":
      return `_admin_${target ?? ""}`;
    case "productAdmin":
      return `_product_admin_${target ?? ""}`;
    case "developer":
      return `_developer_${target ?? ""}`;
  }
}
