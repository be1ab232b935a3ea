/**
 * The provider process's view of the org, shared by every resource and kept coherent with this
 * process's own writes. Users are read as a paged snapshot (2,000 a page, with their direct
 * groups) or one by one, whichever is cheaper: the first page tells the org's size
 * (X-Total-Count); lookups the first page cannot answer are read one by one until they reach a
 * tenth of the remaining pages, and then the rest of the snapshot is read. So refreshing a fully
 * managed 10,000-user org costs 6 user requests instead of 10,000, and a stack of 3 users in a
 * 100,000-user org costs 1 page and 3 GETs instead of 50 pages. Groups (400 a page) are always
 * read as a listing: UMAPI has no single-group endpoint.
 */
import { adminGroupName } from "../resources/types";
import type { UmapiClient } from "../umapi/client";
import { NotFoundError } from "../umapi/errors";
import type { Page } from "../umapi/paging";
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

export type ReadMode = "auto" | "snapshot" | "perObject";

export class OrgView {
  /** Users known so far: the whole org once `complete`, else page 0 plus single reads. */
  private users?: Map<string, UserRecord>;
  private complete = false;
  private readonly absent = new Set<string>();
  private remainingPages = 0;
  private singleReads = 0;
  private groups?: Map<string, GroupRecord>;
  private firstPage?: Promise<void>;
  private firstPageRead?: Page<User>;
  private totalUsers?: number;
  private readonly domains = new Map<string, Promise<boolean>>();
  private usersLoading?: Promise<Map<string, UserRecord>>;
  private groupsLoading?: Promise<Map<string, GroupRecord>>;
  /** First page of each user group's members read with directOnly=false, by lower-cased name. */
  private readonly inherited = new Map<string, Promise<User[]>>();

  constructor(
    private readonly client: UmapiClient,
    private readonly mode: ReadMode = "auto",
  ) {}

  async findUser(user: string, domain?: string): Promise<UserRecord | undefined> {
    const key = userKey(user, domain);
    if (this.mode === "snapshot" || this.complete) return this.lookup(await this.loadUsers(), user, domain);
    if (this.mode === "auto") {
      await this.loadFirstPage();
      const known = this.lookup(this.users!, user, domain);
      if (known || this.complete || this.absent.has(key)) return known;
      // Ski rental: single reads until they would cost a tenth of the remaining pages, then the rest.
      if (this.singleReads >= Math.floor(this.remainingPages / 10)) return this.lookup(await this.loadUsers(), user, domain);
    }
    this.users ??= new Map();
    if (this.absent.has(key)) return undefined;
    const known = this.lookup(this.users, user, domain);
    if (known) return known;
    this.singleReads++;
    const live = await this.client.getUser(user, { domain });
    if (!live) {
      this.absent.add(key);
      return undefined;
    }
    const record = toRecord(live);
    this.index(this.users, record);
    return record;
  }

  private lookup(users: Map<string, UserRecord>, user: string, domain?: string): UserRecord | undefined {
    return users.get(userKey(user, domain)) ?? (domain ? undefined : users.get(lower(user)));
  }

  /**
   * Whether the org has claimed (or trusts) `domain`: UMAPI answers a users listing for a domain it
   * does not know with 404 error.domain.not_found (reference §3.2). One page-0 read per domain.
   */
  async hasDomain(domain: string): Promise<boolean> {
    const key = lower(domain);
    let known = this.domains.get(key);
    if (!known) {
      known = this.client.usersPage(0, { domain, directOnly: true }).then(
        () => true,
        (err: unknown) => {
          if (err instanceof NotFoundError) return false;
          throw err;
        },
      );
      this.domains.set(key, known);
    }
    return known;
  }

  /** The org's user count: X-Total-Count of the first users page (read now if it was not). */
  async userCount(): Promise<number> {
    if (this.totalUsers === undefined) {
      const first = await this.client.usersPage(0, { directOnly: true });
      this.totalUsers = first.totalCount ?? first.items.length;
    }
    return this.totalUsers;
  }

  async findGroup(name: string): Promise<GroupRecord | undefined> {
    return (await this.loadGroups()).get(lower(name));
  }

  /** Direct members of a user group or product profile, from the users snapshot. */
  async membersOf(group: string): Promise<UserRecord[]> {
    if (this.mode === "perObject" && !this.complete) {
      const out: UserRecord[] = [];
      for (const u of await this.client.readUsersInGroup(group, { directOnly: true })) out.push(toRecord(u));
      return out;
    }
    const g = lower(group);
    const out: UserRecord[] = [];
    const seen = new Set<UserRecord>();
    for (const u of (await this.loadUsers()).values()) {
      if (!seen.has(u) && u.groups.some((x) => lower(x) === g)) out.push(u);
      seen.add(u);
    }
    return out;
  }

  /**
   * True when UMAPI shows that a user group no longer gives its members a product profile. No
   * endpoint lists a group's profiles (reference §2.1), but members read with directOnly=false hold
   * every profile they get through their user groups (§8.6): one member without the profile proves
   * the group lost it. Members who all hold it, or no members, prove nothing (false). One request a
   * group with members (the first page of them), shared by all its profiles.
   */
  async groupLostProfile(group: string, profile: string): Promise<boolean> {
    const known = await this.findGroup(group);
    if (!known || known.memberCount === 0) return false;
    let read = this.inherited.get(lower(group));
    if (!read) {
      read = this.client.usersInGroupPage(group, 0, { directOnly: false }).then((p) => p.items);
      this.inherited.set(lower(group), read);
    }
    const wanted = lower(profile);
    return (await read).some((u) => !(u.groups ?? []).some((g) => lower(g) === wanted));
  }

  // ---- coherence with this process's writes ----

  putUser(record: UserRecord): void {
    if (!this.users) return;
    this.dropUser(record.email);
    this.absent.delete(lower(record.email));
    if (record.username && record.domain) this.absent.delete(userKey(record.username, record.domain));
    this.index(this.users, record);
  }

  dropUser(user: string, domain?: string): void {
    this.absent.add(userKey(user, domain));
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
    // The group's admin group (`_admin_<name>`) is renamed with it (reference §8.4).
    const [adminFrom, adminTo] = [from, to].map((g) => adminGroupName("userGroupAdmin", g));
    const rename = (x: string) => (lower(x) === lower(from) ? to : lower(x) === lower(adminFrom!) ? adminTo! : x);
    if (this.users) for (const u of new Set(this.users.values())) u.groups = u.groups.map(rename);
  }

  dropGroup(name: string): void {
    this.groups?.delete(lower(name));
    if (this.users) for (const u of new Set(this.users.values())) u.groups = u.groups.filter((x) => lower(x) !== lower(name));
  }

  // ---- loading ----

  /** Page 0: the first 2,000 users and the org's size. */
  private loadFirstPage(): Promise<void> {
    this.firstPage ??= (async () => {
      const first = await this.client.usersPage(0, { directOnly: true });
      this.users ??= new Map();
      this.firstPageRead = first;
      const total = first.totalCount ?? first.items.length;
      this.totalUsers = total;
      const pageSize = Math.max(1, first.items.length);
      this.remainingPages = first.lastPage ? 0 : Math.max(0, (first.pageCount ?? Math.ceil(total / pageSize)) - 1);
      // A one-page org is the whole listing: it is checked (and read again if it contradicts itself) now.
      if (this.remainingPages === 0) {
        await this.loadUsers();
        return;
      }
      for (const u of first.items) if (!this.known(u)) this.index(this.users, toRecord(u));
    })();
    return this.firstPage;
  }

  /**
   * The whole org, as a checked listing (an inconsistent one throws, and nothing is marked
   * complete). Records already known (and possibly changed by this process) are kept.
   */
  private loadUsers(): Promise<Map<string, UserRecord>> {
    if (this.complete && this.users) return Promise.resolve(this.users);
    this.usersLoading ??= (async () => {
      // Page 0 first (unless the first-page read has it): it also tells the org's size.
      const first = this.firstPageRead ?? (await this.client.usersPage(0, { directOnly: true }));
      this.totalUsers ??= first.totalCount ?? first.items.length;
      const all = await this.client.readUsers({ directOnly: true }, [first]);
      const map = this.users ?? new Map<string, UserRecord>();
      for (const u of all) if (!this.known(u) && !this.absent.has(lower(u.email ?? ""))) this.index(map, toRecord(u));
      this.users = map;
      this.complete = true;
      this.firstPageRead = undefined;
      return map;
    })().finally(() => (this.usersLoading = undefined));
    return this.usersLoading;
  }

  private known(u: User): boolean {
    return Boolean(this.users && u.email && this.users.has(lower(u.email)));
  }

  private loadGroups(): Promise<Map<string, GroupRecord>> {
    if (this.groups) return Promise.resolve(this.groups);
    this.groupsLoading ??= (async () => {
      const map = new Map<string, GroupRecord>();
      for (const g of await this.client.readGroups()) map.set(lower(g.groupName), toGroupRecord(g));
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
