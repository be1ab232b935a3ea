import type { Policies } from "@pulumi/policy";
import { allowedDomains } from "./allowed-domains";
import { groupNaming } from "./group-naming";
import { identityTypeRules } from "./identity-type-rules";
import { maxGroupSize } from "./max-group-size";
import { noAccountDeletion } from "./no-account-deletion";
import { noMixedMembershipManagement } from "./no-mixed-membership-management";
import { noUnassignableAdminRoles } from "./no-unassignable-admin-roles";
import { protectAdmins } from "./protect-admins";
import { readonlyGroups } from "./readonly-groups";

export {
  allowedDomains,
  groupNaming,
  identityTypeRules,
  maxGroupSize,
  noAccountDeletion,
  noMixedMembershipManagement,
  noUnassignableAdminRoles,
  protectAdmins,
  readonlyGroups,
};

/** Every policy of the pack, in the order the CLI lists them. Importing this does not start the pack. */
export const policies: Policies = [
  noUnassignableAdminRoles,
  noAccountDeletion,
  allowedDomains,
  identityTypeRules,
  readonlyGroups,
  noMixedMembershipManagement,
  protectAdmins,
  groupNaming,
  maxGroupSize,
];
