/**
 * The in-memory org: users, groups (user groups, product profiles, admin groups), memberships and
 * claimed domains, with the indexes the queries need. Names and emails are matched
 * case-insensitively and returned as created (reference §8.9). Every mutation bumps `version`.
 */
import type { GroupType } from "../provider/umapi/schema";
import type { Directory, StateUser } from "./types";
import { UserIndex } from "./user-index";

/** A user: the fields of its state snapshot, with memberships as group records. */
export interface UserRec extends Omit<StateUser, "groups"> {
  /** Direct memberships (user groups, product profiles, admin groups). */
  groups: GroupRec[];
}

export interface GroupRec {
  id: number;
  name: string;
  lower: string;
  type: GroupType;
  description?: string;
  readOnly: boolean;
  productName?: string;
  licenseQuota?: string;
  /** USER_GROUP: product profiles attached to the group. */
  profiles: Set<GroupRec>;
  /** PRODUCT_PROFILE: user groups the profile is attached to. */
  userGroups: Set<GroupRec>;
  /** Direct members in the order they were added (the licence order, reference §3.4). */
  members: Set<UserRec>;
  /** `_admin_<g>` / `_developer_<p>`: the group the role is about. */
  target?: GroupRec;
}

export type NewUser = Omit<UserRec, "id" | "groups" | "status"> & { status?: string };
export type NewGroup = Pick<GroupRec, "name" | "type"> & Partial<Pick<GroupRec, "description" | "readOnly" | "productName" | "licenseQuota" | "target">>;

/** Prefixes of admin groups whose name embeds another group's name. */
export const TARGETED_ADMIN_PREFIXES = ["_admin_", "_developer_"] as const;

const FIRST_GROUP_ID = 100_000_001;

export class OrgStore {
  /** Incremented by every mutation (drives state persistence). */
  version = 0;
  readonly domains = new Map<string, { name: string; directory: Directory }>();
  private readonly users = new Map<string, UserRec>();
  /** Case-insensitive user lookups, e.g. `store.find.byEmail(email)`. */
  readonly find = new UserIndex();
  private readonly groups = new Map<string, GroupRec>();
  private readonly groupsById = new Map<number, GroupRec>();
  private activeCache: UserRec[] | null = null;
  private nextGroupId = FIRST_GROUP_ID;
  private userSeq = 0;

  constructor(readonly orgId: string) {}

  addDomain(name: string, directory: Directory): void {
    this.domains.set(name.toLowerCase(), { name, directory });
    this.version++;
  }

  directoryOf(domain: string): Directory | undefined {
    return this.domains.get(domain.toLowerCase())?.directory;
  }

  // ---- users ----

  allUsers(): IterableIterator<UserRec> {
    return this.users.values();
  }

  /** Active users in creation order (cached until a user is added or removed). */
  activeUsers(): readonly UserRec[] {
    this.activeCache ??= [...this.users.values()].filter((u) => u.status === "active");
    return this.activeCache;
  }

  addUser(init: NewUser, id?: string): UserRec {
    if (id !== undefined) this.noteUserId(id);
    // A fixed object shape keeps 100k-user orgs fast to build.
    const user: UserRec = {
      id: id ?? this.newUserId(init),
      type: init.type,
      email: init.email,
      username: init.username,
      domain: init.domain,
      firstname: init.firstname,
      lastname: init.lastname,
      country: init.country,
      status: init.status ?? "active",
      groups: [],
    };
    this.users.set(user.id, user);
    this.find.add(user);
    this.activeCache = null;
    this.version++;
    return user;
  }

  removeUser(user: UserRec): void {
    for (const g of user.groups) g.members.delete(user);
    user.groups = [];
    this.find.remove(user);
    this.users.delete(user.id);
    this.activeCache = null;
    this.version++;
  }

  setIdentity(user: UserRec, identity: Pick<UserRec, "email" | "username" | "domain">): void {
    this.find.remove(user);
    Object.assign(user, identity);
    this.find.add(user);
    this.version++;
  }

  setNames(user: UserRec, names: { firstname?: string; lastname?: string }): void {
    if (names.firstname !== undefined) user.firstname = names.firstname;
    if (names.lastname !== undefined) user.lastname = names.lastname;
    this.version++;
  }

  /** Keeps generated ids unique after users were added with given ids (state files). */
  private noteUserId(id: string): void {
    const seq = Number.parseInt(id.split("@")[0] ?? "", 16);
    if (Number.isSafeInteger(seq) && seq > this.userSeq) this.userSeq = seq;
  }

  private newUserId(init: NewUser): string {
    this.userSeq++;
    const hex = this.userSeq.toString(16).toUpperCase().padStart(24, "0");
    return `${hex}@${init.type === "adobeID" ? "AdobeID" : init.domain}`;
  }

  // ---- groups ----

  group(name: string): GroupRec | undefined {
    return this.groups.get(name.toLowerCase());
  }

  /** All groups in creation order. */
  allGroups(): IterableIterator<GroupRec> {
    return this.groupsById.values();
  }

  addGroup(init: NewGroup, id?: number): GroupRec {
    const groupId = id ?? this.nextGroupId;
    this.nextGroupId = Math.max(this.nextGroupId, groupId + 1);
    const group: GroupRec = {
      ...init,
      id: groupId,
      lower: init.name.toLowerCase(),
      readOnly: init.readOnly ?? false,
      profiles: new Set(),
      userGroups: new Set(),
      members: new Set(),
    };
    this.groups.set(group.lower, group);
    this.groupsById.set(group.id, group);
    this.version++;
    return group;
  }

  /** Renames a group and the admin groups named after it; ids and members are kept. */
  renameGroup(group: GroupRec, name: string): void {
    for (const prefix of TARGETED_ADMIN_PREFIXES) {
      const admin = this.groups.get(prefix + group.lower);
      if (admin?.target === group) this.rekey(admin, prefix + name);
    }
    this.rekey(group, name);
  }

  setDescription(group: GroupRec, description: string): void {
    group.description = description;
    this.version++;
  }

  /** Deletes a group, its memberships, its profile links and the admin groups named after it. */
  deleteGroup(group: GroupRec): void {
    for (const prefix of TARGETED_ADMIN_PREFIXES) {
      const admin = this.groups.get(prefix + group.lower);
      if (admin?.target === group) this.deleteGroup(admin);
    }
    for (const user of [...group.members]) this.removeMember(group, user);
    for (const p of group.profiles) p.userGroups.delete(group);
    for (const ug of group.userGroups) ug.profiles.delete(group);
    this.groups.delete(group.lower);
    this.groupsById.delete(group.id);
    this.version++;
  }

  addMember(group: GroupRec, user: UserRec): void {
    if (group.members.has(user)) return;
    group.members.add(user);
    user.groups.push(group);
    this.version++;
  }

  removeMember(group: GroupRec, user: UserRec): void {
    if (!group.members.delete(user)) return;
    user.groups = user.groups.filter((g) => g !== group);
    this.version++;
  }

  attachProfile(userGroup: GroupRec, profile: GroupRec): void {
    userGroup.profiles.add(profile);
    profile.userGroups.add(userGroup);
    this.version++;
  }

  detachProfile(userGroup: GroupRec, profile: GroupRec): void {
    userGroup.profiles.delete(profile);
    profile.userGroups.delete(userGroup);
    this.version++;
  }

  /** The product name as spelled by a profile of this org, matched case-insensitively. */
  productName(name: string): string | undefined {
    const lower = name.toLowerCase();
    for (const g of this.groups.values()) {
      if (g.type === "PRODUCT_PROFILE" && g.productName?.toLowerCase() === lower) return g.productName;
    }
    return undefined;
  }

  private rekey(group: GroupRec, name: string): void {
    this.groups.delete(group.lower);
    group.name = name;
    group.lower = name.toLowerCase();
    this.groups.set(group.lower, group);
    this.version++;
  }
}
