/**
 * Inputs and outputs of every resource, shared by the resource classes (program side), the
 * provider host (provider process) and the policy pack. Plain data only.
 */
export type IdentityType = "adobeID" | "enterpriseID" | "federatedID";
export type OnDelete = "removeFromOrg" | "removeMemberships" | "deleteAccount";

/** The module of every type token: `pulumi-nodejs:dynamic/umapi:<Type>`. */
export const TYPE_MODULE = "umapi";
export const RESOURCE_TYPES = ["AdobeUser", "AdobeUsers", "UserGroup", "GroupMembership", "GroupMembers", "UserGroupProductProfile", "AdminRoleAssignment"] as const;
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

/** One user of an AdobeUsers set: an AdobeUser's inputs, plus what the resource options held per user. */
export interface AdobeUsersEntry extends AdobeUserArgs {
  /** Earlier emails (org.yaml `renamedFrom`): a user found under one of them is renamed, not re-created. */
  renamedFrom?: string[];
  /** Refuse to remove this user (Pulumi's `protect`, per user). */
  protect?: boolean;
  /**
   * The groups the rest of the declaration gives this user (member lists, admin roles). A hint read
   * by `check` and not stored: after an interrupted run, a user already in them is as declared.
   */
  declaredGroups?: string[];
}

/**
 * Many users in one resource (org.yaml declares its users in sets of a few hundred): the engine's
 * cost is per resource, so 10,000 users cost it 64 resources instead of 10,000.
 */
export interface AdobeUsersArgs {
  /** By lower-case email. */
  users: Record<string, AdobeUsersEntry>;
}

export interface AdobeUsersState {
  users: Record<string, AdobeUsersEntry & AdobeUserState>;
}

export interface UserGroupArgs {
  name: string;
  description?: string;
  adopt?: boolean;
  /**
   * Every user the declaration puts in the group. A hint read by `check` and not stored: after an
   * interrupted run, an existing group whose members are all declared ones is this stack's.
   */
  declaredMembers?: string[];
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
