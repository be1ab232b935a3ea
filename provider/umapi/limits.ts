/** UMAPI's documented limits (reference §4.4, §6.1). Shared by the client and the emulator. */
export const UMAPI_LIMITS = {
  /** Commands (user or usergroup) per action request. */
  commandsPerRequest: 10,
  /** Steps per command: undocumented; Adobe's client splits at 10. */
  stepsPerCommand: 10,
  /** Entries per add/remove list (documented 10; the server has been seen to allow 20). */
  entriesPerList: 10,
  usersPageSize: 2000,
  groupsPageSize: 400,
  emailMaxLength: 60,
  nameMaxLength: 250,
  stringMaxLength: 250,
  groupNameMaxLength: 255,
  userGroupMaxMembersForAdd: 200_000,
} as const;

/** Endpoint classes, each with its own per-client throttle (reference §6.1). */
export type EndpointClass = "action" | "users" | "user" | "usersByGroup" | "groups";

/** Requests per minute per client, by endpoint class. */
export const THROTTLE_PER_MINUTE: Record<EndpointClass, number> = {
  action: 10,
  users: 25,
  user: 25,
  usersByGroup: 25,
  groups: 5,
};

/** Requests per minute "for all clients" together, by endpoint class (reference §6.1). */
export const GLOBAL_THROTTLE_PER_MINUTE: Record<EndpointClass, number> = {
  action: 100,
  users: 100,
  user: 100,
  usersByGroup: 100,
  groups: 100,
};

/** Admin groups UMAPI cannot assign or remove (reference §8.4). */
export const UNASSIGNABLE_ADMIN_GROUPS = ["_org_admin", "_compartment_admin", "_compartment_viewer"] as const;

export const PRODUCTION_UMAPI_URL = "https://usermanagement.adobe.io/v2/usermanagement";
export const PRODUCTION_IMS_URL = "https://ims-na1.adobelogin.com/ims/token/v3";
export const UMAPI_SCOPE = "openid,AdobeID,user_management_sdk";
