/**
 * The provider process's view of the org: one snapshot read in pages (users 2,000 a page with
 * their direct groups; groups 400 a page), loaded at the first lookup and shared by every
 * resource, then kept coherent with this process's own writes. Refreshing 10,000 users costs 5 user
 * requests and 1 group request instead of 10,000 GETs.
 */
import type { UmapiClient } from "../umapi/client";
import type { Group, User } from "../umapi/schema";

export interface UserRecord {
  id?: string;
  email: string;
  username?: string;
  domain?: string;
  firstname?: string;
  lastname?: string;
  country?: string;
  type?: string;
  status?: string;
  /** Direct memberships (user groups, product profiles, admin groups), as UMAPI spells them. */
  groups: string[];
}

export interface GroupRecord {
  groupId?: number;
  groupName: string;
  type?: string;
  isReadOnly?: boolean;
  memberCount?: number;
}

const lower = (s: string) => s.toLowerCase();

export function userKey(user: string, domain?: string): string {
  return user.includes("@") || !domain ? lower(user) : `${lower(user)}@@${lower(domain)}`;
}

export class OrgView {
  private users?: Map<string, UserRecord>;
  private groups?: Map<string, GroupRecord>;
  private usersLoading?: Promise<Map<string, UserRecord>>;
  private groupsLoading?: Promise<Map<string, GroupRecord>>;

  constructor(private readonly client: UmapiClient) {}

  async findUser(user: string, domain?: string): Promise<UserRecord | undefined> {
    const users = await this.loadUsers();
    return users.get(userKey(user, domain)) ?? (domain ? undefined : users.get(lower(user)));
  }

  async findGroup(name: string): Promise<GroupRecord | undefined> {
    return (await this.loadGroups()).get(lower(name));
  }

  /** Direct members of a user group or product profile, from the users snapshot. */
  async membersOf(group: string): Promise<UserRecord[]> {
    const g = lower(group);
    const out: UserRecord[] = [];
    const seen = new Set<UserRecord>();
    for (const u of (await this.loadUsers()).values()) {
      if (!seen.has(u) && u.groups.some((x) => lower(x) === g)) out.push(u);
      seen.add(u);
    }
    return out;
  }

  // ---- coherence with this process's writes ----

  putUser(record: UserRecord): void {
    if (!this.users) return;
    this.dropUser(record.email);
    this.index(this.users, record);
  }

  dropUser(user: string, domain?: string): void {
    const existing = this.users?.get(userKey(user, domain));
    if (!existing || !this.users) return;
    for (const [k, v] of this.users) if (v === existing) this.users.delete(k);
  }

  addMemberships(user: string, domain: string | undefined, groups: string[]): void {
    const u = this.users?.get(userKey(user, domain));
    if (!u) return;
    const have = new Set(u.groups.map(lower));
    for (const g of groups) if (!have.has(lower(g))) u.groups.push(g);
  }

  removeMemberships(user: string, domain: string | undefined, groups: string[]): void {
    const u = this.users?.get(userKey(user, domain));
    if (!u) return;
    const drop = new Set(groups.map(lower));
    u.groups = u.groups.filter((g) => !drop.has(lower(g)));
  }

  putGroup(record: GroupRecord): void {
    this.groups?.set(lower(record.groupName), record);
  }

  renameGroup(from: string, to: string): void {
    const g = this.groups?.get(lower(from));
    if (g && this.groups) {
      this.groups.delete(lower(from));
      this.groups.set(lower(to), { ...g, groupName: to });
    }
    if (this.users) for (const u of new Set(this.users.values())) u.groups = u.groups.map((x) => (lower(x) === lower(from) ? to : x));
  }

  dropGroup(name: string): void {
    this.groups?.delete(lower(name));
    if (this.users) for (const u of new Set(this.users.values())) u.groups = u.groups.filter((x) => lower(x) !== lower(name));
  }

  // ---- loading ----

  private loadUsers(): Promise<Map<string, UserRecord>> {
    if (this.users) return Promise.resolve(this.users);
    this.usersLoading ??= (async () => {
      const map = new Map<string, UserRecord>();
      for await (const page of this.client.usersPages({ directOnly: true })) for (const u of page.items) this.index(map, toRecord(u));
      this.users = map;
      return map;
    })().finally(() => (this.usersLoading = undefined));
    return this.usersLoading;
  }

  private loadGroups(): Promise<Map<string, GroupRecord>> {
    if (this.groups) return Promise.resolve(this.groups);
    this.groupsLoading ??= (async () => {
      const map = new Map<string, GroupRecord>();
      for await (const page of this.client.groupsPages()) for (const g of page.items) map.set(lower(g.groupName), toGroupRecord(g));
      this.groups = map;
      return map;
    })().finally(() => (this.groupsLoading = undefined));
    return this.groupsLoading;
  }

  private index(map: Map<string, UserRecord>, r: UserRecord): void {
    map.set(lower(r.email), r);
    if (r.username && r.domain && !r.username.includes("@")) map.set(userKey(r.username, r.domain), r);
  }
}

function toRecord(u: User): UserRecord {
  return {
    id: u.id,
    email: u.email ?? u.username ?? "",
    username: u.username,
    domain: u.domain,
    firstname: u.firstname,
    lastname: u.lastname,
    country: u.country,
    type: u.type,
    status: u.status,
    groups: u.groups ?? [],
  };
}

function toGroupRecord(g: Group): GroupRecord {
  return { groupId: g.groupId, groupName: g.groupName, type: g.type, isReadOnly: g.isReadOnly, memberCount: g.memberCount };
}
