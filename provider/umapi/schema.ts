/**
 * UMAPI wire shapes (reference §3, §4). Shared by the client (which parses responses with them) and
 * the emulator (which produces them). Schemas tolerate omitted fields and ignore unknown ones, as
 * Adobe asks of clients (reference §1.2).
 */
import { z } from "zod";

export const IdentityTypeSchema = z.enum(["adobeID", "enterpriseID", "federatedID", "unknown"]);
export type IdentityType = z.infer<typeof IdentityTypeSchema>;

export const UserStatusSchema = z.enum(["active", "disabled", "locked", "removed"]);

export const UserSchema = z.looseObject({
  id: z.string().optional(),
  email: z.string().optional(),
  username: z.string().optional(),
  domain: z.string().optional(),
  firstname: z.string().optional(),
  lastname: z.string().optional(),
  country: z.string().optional(),
  status: z.string().optional(),
  type: z.string().optional(),
  groups: z.array(z.string()).optional(),
  adminRoles: z.array(z.string()).optional(),
});
export type User = z.infer<typeof UserSchema>;

export const GroupTypeSchema = z.enum([
  "USER_GROUP",
  "PRODUCT_PROFILE",
  "SYSADMIN_GROUP",
  "DEPLOYMENT_ADMIN_GROUP",
  "SUPPORT_ADMIN_GROUP",
  "PRODUCT_ADMIN_GROUP",
  "PROFILE_ADMIN_GROUP",
  "USER_ADMIN_GROUP",
  "DEVELOPER_GROUP",
  "CONTRACT_ADMIN_GROUP",
]);
export type GroupType = z.infer<typeof GroupTypeSchema>;

export const GroupSchema = z.looseObject({
  groupId: z.number().optional(),
  groupName: z.string(),
  // Unknown future types must not break parsing.
  type: z.string().optional(),
  memberCount: z.number().optional(),
  adminGroupName: z.string().optional(),
  productName: z.string().optional(),
  licenseQuota: z.string().optional(),
  userGroupName: z.string().optional(),
  productProfileName: z.string().optional(),
  contractName: z.string().optional(),
  isReadOnly: z.boolean().optional(),
});
export type Group = z.infer<typeof GroupSchema>;

export const UsersPageSchema = z.looseObject({
  lastPage: z.boolean().optional(),
  result: z.string(),
  users: z.array(UserSchema).optional().default([]),
});
export const UsersByGroupPageSchema = UsersPageSchema.extend({ groupName: z.string().optional() });
export const GroupsPageSchema = z.looseObject({
  lastPage: z.boolean().optional(),
  result: z.string(),
  groups: z.array(GroupSchema).optional().default([]),
});
export const UserResponseSchema = z.looseObject({ result: z.string(), user: UserSchema });

/** A per-command error or warning of an action response (reference §4.5). */
export const ActionIssueSchema = z.looseObject({
  index: z.coerce.number(),
  step: z.coerce.number().optional(),
  requestID: z.string().optional(),
  message: z.string().optional().default(""),
  errorCode: z.string().optional(),
  warningCode: z.string().optional(),
  user: z.string().optional(),
});
export type ActionIssue = z.infer<typeof ActionIssueSchema>;

export const ActionResponseSchema = z.looseObject({
  completed: z.number().optional().default(0),
  notCompleted: z.number().optional().default(0),
  completedInTestMode: z.number().optional().default(0),
  result: z.string(),
  errors: z.array(ActionIssueSchema).optional(),
  warnings: z.array(ActionIssueSchema).optional(),
  message: z.string().optional(),
});
export type ActionResponse = z.infer<typeof ActionResponseSchema>;

/** Body of a non-200 UMAPI response (404, 400, 401 field variant, 429, gateway 403). */
export const ErrorBodySchema = z.looseObject({
  result: z.string().optional(),
  message: z.string().optional(),
  error_code: z.string().optional(),
  errorCode: z.string().optional(),
});

export const TokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.coerce.number(),
});

// ---- Action request grammar (reference §4.1) ----

export type CreateOption = "ignoreIfAlreadyExists" | "updateIfAlreadyExists";

export interface UserInfoFields {
  email?: string;
  firstname?: string;
  lastname?: string;
  country?: string;
}

export type UserStep =
  | { addAdobeID: UserInfoFields & { email: string; option?: CreateOption } }
  | { createEnterpriseID: UserInfoFields & { email: string; option?: CreateOption } }
  | { createFederatedID: UserInfoFields & { email: string; option?: CreateOption } }
  | { update: { email?: string; firstname?: string; lastname?: string; username?: string } }
  | { add: { group: string[] } }
  | { remove: { group: string[] } | "all" }
  | { removeFromOrg: { deleteAccount?: boolean } };

export type UserGroupStep =
  | { createUserGroup: { name?: string; description?: string; option?: CreateOption } }
  | { updateUserGroup: { name?: string; description?: string } }
  | { deleteUserGroup: Record<string, never> }
  | { add: { user?: string[]; productConfiguration?: string[] } }
  | { remove: { user?: string[]; productConfiguration?: string[] } };

export interface UserCommand {
  user: string;
  domain?: string;
  useAdobeID?: boolean;
  requestID?: string;
  do: UserStep[];
}

export interface UserGroupCommand {
  usergroup: string;
  requestID?: string;
  do: UserGroupStep[];
}

export type Command = UserCommand | UserGroupCommand;

export function isUserCommand(c: Command): c is UserCommand {
  return "user" in c;
}

/** The name of a step's single key, e.g. "createFederatedID". */
export function stepName(step: UserStep | UserGroupStep): string {
  return Object.keys(step)[0]!;
}
