/**
 * The `org.yaml` format: a whole Adobe org (users, user groups, their product profiles and admin
 * roles) in one file. Field rules are the resources' own `check` schemas (resources/validation.ts),
 * so a file that loads declares resources that pass `check`; the cross-checks that only a whole file
 * can make (duplicates, GroupMembers mixed with memberships) live in ./crossChecks.
 */
import { z } from "zod";
import { ADMIN_ROLES } from "../resources/types";
import {
  AdminRoleAssignmentSchema,
  AdobeUserSchema,
  GroupMembersSchema,
  UserGroupProductProfileSchema,
  UserGroupSchema,
} from "../resources/validation";
import { crossCheck } from "./crossChecks";

const user = AdobeUserSchema.shape;
const group = UserGroupSchema.shape;

const RoleNameSchema = z.enum(ADMIN_ROLES, {
  error: `must be one of ${ADMIN_ROLES.join(", ")}: System administrator (_org_admin) and the global-admin roles cannot be assigned through UMAPI (use the Admin Console)`,
});

/** `supportAdmin`, or `{ role: userGroupAdmin, target: Design Team }` for roles about a group, profile or product. */
export const AdminRoleEntrySchema = z
  .union([
    RoleNameSchema,
    z.strictObject({
      role: RoleNameSchema,
      target: AdminRoleAssignmentSchema.shape.target.meta({ description: "The user group (userGroupAdmin), product profile (productProfileAdmin, developer) or product (productAdmin)." }),
    }),
  ])
  .meta({ description: "An admin role: a role name, or { role, target } for roles about a user group, product profile or product." });

/** Max users one run may remove: a count (`10`) or a share of the org's users (`"5%"`). */
export const RemovalBudgetSchema = z
  .union([
    z.int({ error: "must be a whole number of users, e.g. 10" }).min(0, { error: "must not be negative" }),
    z.string().regex(/^(100|[1-9]?[0-9])(\.[0-9]+)?%$/, { error: 'must be a percentage from 0% to 100%, e.g. "5%"' }),
  ])
  .meta({ description: 'Max users one run may remove: a count (10) or a share of the org\'s users ("5%").' });

export const OrgSettingsSchema = z.strictObject({
  adopt: z.boolean().optional().meta({ description: "Adopt users and groups that already exist in the org instead of failing on them. Default false." }),
  removalBudget: RemovalBudgetSchema.optional(),
  userResources: z
    .enum(["sets", "perUser"], { error: 'must be "sets" or "perUser"' })
    .optional()
    .meta({
      description:
        'How users are declared: "sets" (64 AdobeUsers resources whatever the org\'s size, the default for new stacks) or "perUser" (one AdobeUser each, the layout before 0.3, kept by stacks made with it until this is set to "sets").',
    }),
});

export const OrgUserSchema = AdobeUserSchema.safeExtend({
  email: user.email.meta({ description: "The user's email address (case-insensitive): the user's identity in this file." }),
  // safeExtend keeps AdobeUser's identity rules, which then see the default. Its types only accept a
  // field whose input type is unchanged, hence the cast: at run time the field is optional.
  identityType: user.identityType.default("enterpriseID").meta({ description: "adobeID, enterpriseID or federatedID. Default enterpriseID." }) as unknown as typeof user.identityType,
  username: user.username.meta({ description: "Federated IDs with a non-email login only; needs `domain`." }),
  domain: user.domain.meta({ description: "Directory domain of a non-email username, e.g. fed.example.com." }),
  country: user.country.meta({ description: "ISO 3166-1 alpha-2 code (upper case). Required for Federated IDs; cannot be changed later." }),
  groups: user.groups.meta({ description: "Direct memberships: user groups and product profiles. Must not list a group that declares `members`." }),
  onDelete: user.onDelete.meta({ description: "What removing the user from this file does. Default removeFromOrg; deleteAccount deletes the account and its assets." }),
  adminRoles: z.array(AdminRoleEntrySchema).optional(),
  protect: z.boolean().optional().meta({ description: "Pulumi's protect option: the user cannot be deleted until it is unset. Recommended for admins." }),
  renamedFrom: z
    .union([user.email, z.array(user.email).min(1)])
    .optional()
    .meta({ description: "The user's earlier email(s): the same Adobe account keeps its files, groups and roles under the new email (an update, not a remove and create). May stay after the rename has been applied." }),
});

export const OrgUserGroupSchema = UserGroupSchema.omit({ declaredMembers: true }).safeExtend({
  name: group.name.meta({ description: "The user group's name (case-insensitive, must not start with _)." }),
  description: group.description.meta({ description: "Set when the group is created or adopted (UMAPI does not return descriptions)." }),
  productProfiles: z
    .array(UserGroupProductProfileSchema.shape.productProfile)
    .optional()
    .meta({ description: "Product profiles attached to the group: every member gets their entitlements." }),
  admins: z
    .array(AdminRoleAssignmentSchema.shape.user)
    .optional()
    .meta({ description: "Users (emails) who administer the group (the userGroupAdmin role)." }),
  members: GroupMembersSchema.shape.users
    .optional()
    .meta({ description: "The group's complete member list (emails): members not listed are removed. Users' `groups` must then not list this group." }),
  renamedFrom: z
    .union([group.name, z.array(group.name).min(1)])
    .optional()
    .meta({ description: "The group's earlier name(s): the same user group keeps its id, members, product profiles and admins under the new name. May stay after the rename has been applied." }),
});

export const OrgFileSchema = z
  .strictObject({
    settings: OrgSettingsSchema.optional(),
    users: z.array(OrgUserSchema).optional(),
    userGroups: z.array(OrgUserGroupSchema).optional(),
  })
  .superRefine(crossCheck)
  .meta({ title: "Adobe org (pulumi-adobe-umapi org.yaml)", description: "Users, user groups, product profiles and admin roles of an Adobe org, applied with `pulumi up`." });

export type OrgFile = z.output<typeof OrgFileSchema>;
export type OrgUser = z.output<typeof OrgUserSchema>;
export type OrgUserGroup = z.output<typeof OrgUserGroupSchema>;
export type OrgSettings = z.output<typeof OrgSettingsSchema>;
export type AdminRoleEntry = z.output<typeof AdminRoleEntrySchema>;

/** The earlier names in a `renamedFrom`, as a list. */
export function renamedFromOf(entry: { renamedFrom?: string | string[] }): string[] {
  const r = entry.renamedFrom;
  return r === undefined ? [] : Array.isArray(r) ? r : [r];
}

/** `settings.removalBudget`, resolved: a number of users or a share of the org. */
export type RemovalBudget = { kind: "count"; count: number } | { kind: "percent"; percent: number };

export function removalBudgetOf(settings: OrgSettings | undefined): RemovalBudget | undefined {
  const b = settings?.removalBudget;
  return b === undefined ? undefined : toRemovalBudget(b);
}

/** A valid `RemovalBudgetSchema` value (`10` or `"5%"`), resolved. */
export function toRemovalBudget(b: z.output<typeof RemovalBudgetSchema>): RemovalBudget {
  return typeof b === "number" ? { kind: "count", count: b } : { kind: "percent", percent: Number(b.slice(0, -1)) };
}

/** The most users a run may remove from an org of `orgUsers` users (a percentage rounds down). */
export function removalLimit(budget: RemovalBudget, orgUsers: number): number {
  return budget.kind === "count" ? budget.count : Math.floor((orgUsers * budget.percent) / 100);
}
