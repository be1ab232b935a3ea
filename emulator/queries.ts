/** The read endpoints E2–E5 (reference §3). Each returns a full response for the app to send. */
import { adminSpec } from "./admin-groups";
import { NotFoundError } from "./errors";
import { jsonResponse, parseBool, type EmuResponse } from "./http";
import { paginate } from "./paging";
import { isListed, renderGroup, renderUser, type UserRenderOptions } from "./render";
import type { GroupRec, OrgStore, UserRec } from "./store";

export interface QueryConfig {
  usersPageSize: number;
  groupsPageSize: number;
}

const USER_CANONICAL = "/v2/usermanagement/organizations/{orgId}/users/{userstring:.*}";
const GROUP_CANONICAL = "/v2/usermanagement/users/{orgId}/{page}/{groupName}";

function renderOptions(query: URLSearchParams): UserRenderOptions {
  return {
    directOnly: parseBool(query.get("directOnly"), true),
    excludeGroups: parseBool(query.get("excludeGroups"), false),
  };
}

/** E2 `GET /users/{orgId}/{page}`: active users, optionally of one domain. */
export function listUsers(store: OrgStore, cfg: QueryConfig, page: number, query: URLSearchParams): EmuResponse {
  const domain = query.get("domain");
  let users = store.activeUsers();
  if (domain) {
    const lower = domain.toLowerCase();
    users = users.filter((u) => u.domain.toLowerCase() === lower);
    if (users.length === 0 && !store.directoryOf(domain)) {
      throw new NotFoundError("error.domain.not_found", `Domain not found: ${domain}`);
    }
  }
  const opts = renderOptions(query);
  const p = paginate(users, page, cfg.usersPageSize);
  const body = { lastPage: p.lastPage, result: "success", users: p.items.map((u) => renderUser(u, opts)) };
  return jsonResponse(200, body, p.headers);
}

/** E3 `GET /organizations/{orgId}/users/{userString}`: case-insensitive; `domain` for non-email usernames. */
export function getUser(store: OrgStore, userString: string, query: URLSearchParams): EmuResponse {
  const user = findUser(store, userString, query.get("domain"));
  if (!user || user.status !== "active") {
    throw new NotFoundError("error.user.not_found", `User not found ${userString}`, USER_CANONICAL);
  }
  return jsonResponse(200, { result: "success", user: renderUser(user, renderOptions(query)) });
}

function findUser(store: OrgStore, userString: string, domain: string | null): UserRec | undefined {
  if (domain?.toLowerCase() === "adobeid") return store.find.adobeUser(userString);
  const byUsername = domain ? store.find.byUsername(userString, domain) : undefined;
  if (byUsername) return byUsername;
  return userString.includes("@") ? store.find.byEmail(userString) : undefined;
}

/** E4 `GET /users/{orgId}/{page}/{groupName}`. */
export function listGroupUsers(
  store: OrgStore,
  cfg: QueryConfig,
  page: number,
  groupName: string,
  query: URLSearchParams,
): EmuResponse {
  const group = store.group(groupName);
  let members: UserRec[] = [];
  let name: string;
  if (group) {
    name = group.name;
    members = groupMembers(group, parseBool(query.get("directOnly"), true), query.get("status"));
  } else {
    // An admin group of an existing group that has no admins yet: empty list, not 404 (reference §3.4).
    const spec = adminSpec(store, groupName);
    if (!spec) {
      throw new NotFoundError("error.group.not_found", `Not found: Group ${groupName}`, GROUP_CANONICAL, true);
    }
    name = spec.name;
  }
  const opts = renderOptions(query);
  const p = paginate(members, page, cfg.usersPageSize);
  const body = { lastPage: p.lastPage, result: "success", groupName: name, users: p.items.map((u) => renderUser(u, opts)) };
  return jsonResponse(200, body, p.headers);
}

/**
 * Members of a group. For product profiles the members are the direct ones followed by those who get
 * the profile through user groups; the first `licenseQuota` of them hold an active licence
 * (`status=active`), the rest are `inactive` (reference §3.4, §8.5).
 */
export function groupMembers(group: GroupRec, directOnly: boolean, status: string | null): UserRec[] {
  if (group.type !== "PRODUCT_PROFILE") return [...group.members].filter((u) => u.status === "active");
  const ordered = new Set([...group.members].filter((u) => u.status === "active"));
  for (const ug of group.userGroups) for (const u of ug.members) if (u.status === "active") ordered.add(u);
  const quota = parseQuota(group.licenseQuota);
  const wanted = status?.toLowerCase();
  const out: UserRec[] = [];
  let i = 0;
  for (const u of ordered) {
    const licensed = i++ < quota;
    if (directOnly && !group.members.has(u)) continue;
    if ((wanted === "active" && !licensed) || (wanted === "inactive" && licensed)) continue;
    out.push(u);
  }
  return out;
}

function parseQuota(quota: string | undefined): number {
  const n = quota === undefined ? Number.NaN : Number(quota);
  return Number.isFinite(n) ? n : Number.POSITIVE_INFINITY;
}

/** E5 `GET /groups/{orgId}/{page}`: user groups, product profiles and admin groups with members. */
export function listGroups(store: OrgStore, cfg: QueryConfig, page: number): EmuResponse {
  const groups = [...store.allGroups()].filter(isListed);
  const p = paginate(groups, page, cfg.groupsPageSize);
  const body = { lastPage: p.lastPage, result: "success", groups: p.items.map((g) => renderGroup(store, g)) };
  return jsonResponse(200, body, p.headers);
}
