/**
 * Typed builders for every user step and user-group step (reference §4.1). Builders only shape
 * data; validation of values (email syntax, lengths) happens in the resources' `check`.
 */
import type { CreateOption, UserCommand, UserGroupCommand, UserGroupStep, UserInfoFields, UserStep } from "./schema";

export const userSteps = {
  addAdobeID: (f: UserInfoFields & { email: string }, option?: CreateOption): UserStep => ({ addAdobeID: withOption(f, option) }),
  createEnterpriseID: (f: UserInfoFields & { email: string }, option?: CreateOption): UserStep => ({
    createEnterpriseID: withOption(f, option),
  }),
  createFederatedID: (f: UserInfoFields & { email: string }, option?: CreateOption): UserStep => ({
    createFederatedID: withOption(f, option),
  }),
  update: (f: { email?: string; firstname?: string; lastname?: string; username?: string }): UserStep => ({ update: compact(f) }),
  add: (groups: string[]): UserStep => ({ add: { group: groups } }),
  remove: (groups: string[]): UserStep => ({ remove: { group: groups } }),
  removeAll: (): UserStep => ({ remove: "all" }),
  removeFromOrg: (deleteAccount = false): UserStep => ({ removeFromOrg: { deleteAccount } }),
};

export const groupSteps = {
  create: (description?: string, option?: CreateOption): UserGroupStep => ({ createUserGroup: compact({ description, option }) }),
  update: (f: { name?: string; description?: string }): UserGroupStep => ({ updateUserGroup: compact(f) }),
  delete: (): UserGroupStep => ({ deleteUserGroup: {} }),
  addUsers: (users: string[]): UserGroupStep => ({ add: { user: users } }),
  removeUsers: (users: string[]): UserGroupStep => ({ remove: { user: users } }),
  addProfiles: (profiles: string[]): UserGroupStep => ({ add: { productConfiguration: profiles } }),
  removeProfiles: (profiles: string[]): UserGroupStep => ({ remove: { productConfiguration: profiles } }),
};

/** How a command names its user: by email, or by username + domain for non-email Federated IDs. */
export interface UserRef {
  user: string;
  domain?: string;
  /** Act on the Adobe ID even if an Enterprise/Federated ID has the same email. */
  useAdobeID?: boolean;
}

export function userCommand(ref: UserRef, steps: UserStep[]): UserCommand {
  const cmd: UserCommand = { user: ref.user, do: steps };
  if (ref.domain && !ref.user.includes("@")) cmd.domain = ref.domain;
  if (ref.useAdobeID) cmd.useAdobeID = true;
  return cmd;
}

export function groupCommand(name: string, steps: UserGroupStep[]): UserGroupCommand {
  return { usergroup: name, do: steps };
}

function withOption<T extends object>(f: T, option?: CreateOption): T & { option?: CreateOption } {
  return compact({ ...f, option });
}

function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== "")) as T;
}
