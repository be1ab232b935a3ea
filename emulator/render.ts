/**
 * Wire shapes of users and groups (reference §3.1, §3.5). Fields without a value are omitted,
 * never null; a user's `groups` is omitted when empty.
 */
import type { Group, User } from "../provider/umapi/schema";
import { activeAdminGroupName, isAdminType } from "./admin-groups";
import type { GroupRec, OrgStore, UserRec } from "./store";

const byLowerName = (a: GroupRec, b: GroupRec) => (a.lower < b.lower ? -1 : a.lower > b.lower ? 1 : 0);

/**
 * The groups of a user: all direct memberships, plus (directOnly=false) the product profiles the
 * user gets through user groups (reference §8.6). Sorted case-insensitively.
 */
export function userGroupNames(user: UserRec, directOnly: boolean): string[] {
  if (directOnly || !user.groups.some((g) => g.profiles.size > 0)) {
    return [...user.groups].sort(byLowerName).map((g) => g.name);
  }
  const all = new Set(user.groups);
  for (const g of user.groups) for (const p of g.profiles) all.add(p);
  return [...all].sort(byLowerName).map((g) => g.name);
}

export interface UserRenderOptions {
  directOnly: boolean;
  excludeGroups: boolean;
}

export function renderUser(user: UserRec, opts: UserRenderOptions): User {
  const out: User = { id: user.id, email: user.email, status: user.status };
  if (!opts.excludeGroups) {
    const groups = userGroupNames(user, opts.directOnly);
    if (groups.length > 0) out.groups = groups;
  }
  out.username = user.username;
  out.domain = user.domain;
  if (user.firstname) out.firstname = user.firstname;
  if (user.lastname) out.lastname = user.lastname;
  if (user.country) out.country = user.country;
  out.type = user.type;
  return out;
}

/** E5 entry. Key order follows Adobe's examples. */
export function renderGroup(store: OrgStore, group: GroupRec): Group {
  const out: Group = { groupId: group.id, groupName: group.name, type: group.type };
  const adminGroupName = isAdminType(group.type) ? undefined : activeAdminGroupName(store, group);
  if (adminGroupName) out.adminGroupName = adminGroupName;
  if (group.productName) out.productName = group.productName;
  if (group.licenseQuota !== undefined) out.licenseQuota = group.licenseQuota;
  if (group.type === "USER_ADMIN_GROUP" && group.target) out.userGroupName = group.target.name;
  if (group.target && group.type !== "USER_ADMIN_GROUP") out.productProfileName = group.target.name;
  if (group.type === "PRODUCT_ADMIN_GROUP" && group.productName) out.productProfileName = group.productName;
  if (group.readOnly) out.isReadOnly = true;
  out.memberCount = group.members.size;
  return out;
}

/** Groups E5 lists: user groups, profiles, and admin groups that have members. */
export function isListed(group: GroupRec): boolean {
  return !isAdminType(group.type) || group.members.size > 0;
}
