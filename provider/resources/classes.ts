/**
 * The resource classes programs declare. Each has its own type token
 * (`pulumi-nodejs:dynamic/umapi:<Type>`) and a static `__pulumiType`, so policies can match it.
 */
import * as pulumi from "@pulumi/pulumi";
import { recordDeclared } from "./plan";
import { providerFor } from "./provider";
import {
  TYPE_MODULE,
  typeToken,
  type AdminRole,
  type AdminRoleAssignmentArgs,
  type AdobeUserArgs,
  type AdobeUsersArgs,
  type AdobeUsersEntry,
  type AdobeUserState,
  type GroupMembersArgs,
  type GroupMembershipArgs,
  type IdentityType,
  type OnDelete,
  type UserGroupArgs,
  type UserGroupProductProfileArgs,
} from "./types";

/** Every field accepts a plain value or a Pulumi Input. */
export type Inputs<T> = { [K in keyof T]: T[K] extends (infer E)[] | undefined ? pulumi.Input<pulumi.Input<E>[]> : pulumi.Input<T[K]> };

export class AdobeUser extends pulumi.dynamic.Resource {
  static readonly __pulumiType = typeToken("AdobeUser");
  declare readonly identityType: pulumi.Output<IdentityType>;
  declare readonly email: pulumi.Output<string>;
  declare readonly username: pulumi.Output<string | undefined>;
  declare readonly domain: pulumi.Output<string | undefined>;
  declare readonly firstName: pulumi.Output<string | undefined>;
  declare readonly lastName: pulumi.Output<string | undefined>;
  declare readonly country: pulumi.Output<string | undefined>;
  declare readonly groups: pulumi.Output<string[] | undefined>;
  declare readonly onDelete: pulumi.Output<OnDelete | undefined>;
  /** UMAPI's id of the user, once read. */
  declare readonly userId: pulumi.Output<string | undefined>;
  declare readonly status: pulumi.Output<string | undefined>;

  constructor(name: string, args: Inputs<AdobeUserArgs>, opts?: pulumi.CustomResourceOptions) {
    super(providerFor("AdobeUser"), name, { ...args, userId: undefined, status: undefined }, opts, TYPE_MODULE, "AdobeUser");
    recordDeclared("AdobeUser", name, args, opts);
  }
}

/**
 * Many users in one resource: the org.yaml program declares its users in sets (see
 * orgfile/userSets.ts), so the engine's per-resource cost is paid per set, not per user. Each user
 * is created, updated, renamed and removed exactly as an AdobeUser would be.
 */
export class AdobeUsers extends pulumi.dynamic.Resource {
  static readonly __pulumiType = typeToken("AdobeUsers");
  declare readonly users: pulumi.Output<Record<string, AdobeUsersEntry & AdobeUserState>>;

  constructor(name: string, args: AdobeUsersArgs, opts?: pulumi.CustomResourceOptions) {
    super(providerFor("AdobeUsers"), name, args, opts, TYPE_MODULE, "AdobeUsers");
    recordDeclared("AdobeUsers", name, args, opts);
  }
}

export class UserGroup extends pulumi.dynamic.Resource {
  static readonly __pulumiType = typeToken("UserGroup");
  declare readonly name: pulumi.Output<string>;
  declare readonly description: pulumi.Output<string | undefined>;
  declare readonly groupId: pulumi.Output<number | undefined>;
  declare readonly readOnly: pulumi.Output<boolean | undefined>;

  constructor(name: string, args: Inputs<UserGroupArgs>, opts?: pulumi.CustomResourceOptions) {
    super(providerFor("UserGroup"), name, { ...args, groupId: undefined, readOnly: undefined }, opts, TYPE_MODULE, "UserGroup");
    recordDeclared("UserGroup", name, args, opts);
  }
}

/** One user in one user group or product profile. Additive: other members are left alone. */
export class GroupMembership extends pulumi.dynamic.Resource {
  static readonly __pulumiType = typeToken("GroupMembership");
  declare readonly user: pulumi.Output<string>;
  declare readonly group: pulumi.Output<string>;

  constructor(name: string, args: Inputs<GroupMembershipArgs>, opts?: pulumi.CustomResourceOptions) {
    super(providerFor("GroupMembership"), name, args, opts, TYPE_MODULE, "GroupMembership");
    recordDeclared("GroupMembership", name, args, opts);
  }
}

/**
 * The complete member list of a user group: members not listed are removed. Do not also declare
 * GroupMembership edges (or AdobeUser.groups entries) for the same group: each would undo the other
 * (the policy pack's `no-mixed-membership-management` refuses it).
 */
export class GroupMembers extends pulumi.dynamic.Resource {
  static readonly __pulumiType = typeToken("GroupMembers");
  declare readonly group: pulumi.Output<string>;
  declare readonly users: pulumi.Output<string[]>;

  constructor(name: string, args: Inputs<GroupMembersArgs>, opts?: pulumi.CustomResourceOptions) {
    super(providerFor("GroupMembers"), name, args, opts, TYPE_MODULE, "GroupMembers");
    recordDeclared("GroupMembers", name, args, opts);
  }
}

/** A product profile attached to a user group: every member gets the profile's entitlements. */
export class UserGroupProductProfile extends pulumi.dynamic.Resource {
  static readonly __pulumiType = typeToken("UserGroupProductProfile");
  declare readonly group: pulumi.Output<string>;
  declare readonly productProfile: pulumi.Output<string>;

  constructor(name: string, args: Inputs<UserGroupProductProfileArgs>, opts?: pulumi.CustomResourceOptions) {
    super(providerFor("UserGroupProductProfile"), name, args, opts, TYPE_MODULE, "UserGroupProductProfile");
    recordDeclared("UserGroupProductProfile", name, args, opts);
  }
}

/** An admin role for a user. System administrator and global-admin roles cannot be assigned through UMAPI. */
export class AdminRoleAssignment extends pulumi.dynamic.Resource {
  static readonly __pulumiType = typeToken("AdminRoleAssignment");
  declare readonly user: pulumi.Output<string>;
  declare readonly role: pulumi.Output<AdminRole>;
  declare readonly target: pulumi.Output<string | undefined>;
  /** The UMAPI admin group the role maps to, e.g. `_admin_Design Team`. */
  declare readonly adminGroup: pulumi.Output<string>;

  constructor(name: string, args: Inputs<AdminRoleAssignmentArgs>, opts?: pulumi.CustomResourceOptions) {
    super(providerFor("AdminRoleAssignment"), name, { ...args, adminGroup: undefined }, opts, TYPE_MODULE, "AdminRoleAssignment");
    recordDeclared("AdminRoleAssignment", name, args, opts);
  }
}
