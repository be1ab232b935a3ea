/** Every resource kind's handler, for the provider host and for the validation of a preview. */
import type { ResourceKind } from "../../resources/types";
import type { Handler } from "./handler";
import { adobeUser } from "./adobeUser";
import { adobeUsers } from "./adobeUsers";
import { userGroup } from "./userGroup";
import { adminRoleAssignment, groupMembership } from "./membership";
import { groupMembers } from "./groupMembers";
import { userGroupProductProfile } from "./productProfile";

export const HANDLERS: Record<ResourceKind, Handler<never, never>> = {
  AdobeUser: adobeUser as Handler<never, never>,
  AdobeUsers: adobeUsers as Handler<never, never>,
  UserGroup: userGroup as Handler<never, never>,
  GroupMembership: groupMembership as Handler<never, never>,
  GroupMembers: groupMembers as Handler<never, never>,
  UserGroupProductProfile: userGroupProductProfile as Handler<never, never>,
  AdminRoleAssignment: adminRoleAssignment as Handler<never, never>,
};
