/**
 * `declareOrg`: the Pulumi resources of an org file. Resource names derive from the objects'
 * names, in lower case (UMAPI ignores case), so they stay stable across runs and file reorderings:
 * `group:<name>`, `profile:<group>:<profile>`, `role:<email>:<admin group>`, `members:<group>`;
 * users are declared in AdobeUsers sets `users:00` … `users:63` (userSets.ts). Edges depend on the declared groups and users they name, so groups are
 * created before (and deleted after) what references them.
 */
import type * as pulumi from "@pulumi/pulumi";
import { AdminRoleAssignment, AdobeUser, AdobeUsers, GroupMembers, UserGroup, UserGroupProductProfile } from "../resources/classes";
import { adminGroupName, type AdminRole, type AdobeUsersEntry } from "../resources/types";
import { assignUserSets, previousUserSets } from "./userSets";
import { renamedFromOf, type OrgFile, type OrgUser } from "./schema";

export interface DeclareOrgOptions {
  /** Parent of every resource, e.g. a ComponentResource. Default none (the stack). */
  parent?: pulumi.Resource;
  /** Resources every declared resource depends on. Default none. */
  dependsOn?: pulumi.Resource[];
  /**
   * The stack's outputs at its last update: its plan basis (`umapiPlan`) keeps each user in the set
   * it was in; a stack last updated with one AdobeUser resource per user (before 0.3) has its
   * `managedUsers` adopted into the sets, as they are its own. Default none (a new stack).
   */
  previousOutputs?: Record<string, unknown>;
  /** One AdobeUser resource per user (the layout before 0.3) instead of AdobeUsers sets. Default false. */
  perUser?: boolean;
  /** The users this stack managed with one AdobeUser each, now moving into sets: adopted. Default: `managedUsers` of a stack without sets. */
  migratedUsers?: string[];
}

export interface DeclaredOrg {
  /** The resource that declares each user (its set, or its own AdobeUser), by lower-case email. */
  users: Map<string, AdobeUsers | AdobeUser>;
  /** The AdobeUsers sets. */
  userSets: AdobeUsers[];
  /** By lower-case group name. */
  userGroups: Map<string, UserGroup>;
  productProfiles: UserGroupProductProfile[];
  adminRoles: AdminRoleAssignment[];
  groupMembers: GroupMembers[];
}

const lower = (s: string) => s.toLowerCase();

export function declareOrg(org: OrgFile, options: DeclareOrgOptions = {}): DeclaredOrg {
  const { out, steps } = declaration(org, options);
  for (const _ of steps) void _;
  return out;
}

/**
 * The same resources, declared in slices of `sliceSize` with a turn of the event loop between
 * slices, so the engine starts creating (and UMAPI's throttle starts counting) while a large org is
 * still being declared. Each resource costs the Pulumi SDK several milliseconds of synchronous work:
 * declared in one go, 10,000 users hold back every request for over a minute.
 */
export async function declareOrgInSlices(org: OrgFile, options: DeclareOrgOptions & { sliceSize?: number } = {}): Promise<DeclaredOrg> {
  const { out, steps } = declaration(org, options);
  const slice = options.sliceSize ?? 50;
  let n = 0;
  for (const _ of steps) {
    void _;
    if (++n % slice === 0) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return out;
}

/** The declaration as steps (one resource each), run by whoever iterates them. */
function declaration(org: OrgFile, options: DeclareOrgOptions): { out: DeclaredOrg; steps: Generator<void> } {
  const out: DeclaredOrg = { users: new Map(), userSets: [], userGroups: new Map(), productProfiles: [], adminRoles: [], groupMembers: [] };
  const previous = options.previousOutputs ?? {};
  const sets = previousUserSets(previous.umapiPlan);
  const ctx: Context = {
    org,
    out,
    adopt: org.settings?.adopt === true,
    declaredUsers: new Map((org.users ?? []).map((u) => [lower(u.email), u])),
    emails: withEarlier(new Map((org.users ?? []).map((u) => [lower(u.email), renamedFromOf(u)]))),
    names: withEarlier(new Map((org.userGroups ?? []).map((g) => [lower(g.name), renamedFromOf(g)]))),
    groupDeps: (names) => names.flatMap((n) => (n === undefined ? [] : (out.userGroups.get(lower(n)) ?? []))),
    userDeps: (emails) => [...new Set(emails.flatMap((e) => out.users.get(lower(e)) ?? []))],
    opts: (dependsOn, extra = {}) => ({ ...extra, parent: options.parent, dependsOn: [...(options.dependsOn ?? []), ...dependsOn] }),
    perUser: options.perUser === true,
    previousSets: sets,
    // Users of a stack last updated with one resource each: this stack's own, adopted into the sets.
    migrated: new Set((options.migratedUsers ?? (sets.size === 0 && Array.isArray(previous.managedUsers) ? (previous.managedUsers as string[]) : [])).map(lower)),
  };
  function* steps(): Generator<void> {
    yield* declareGroupsAndUsers(ctx);
    yield* declareEdges(ctx);
  }
  return { out, steps: steps() };
}

interface Context {
  org: OrgFile;
  out: DeclaredOrg;
  adopt: boolean;
  declaredUsers: Map<string, OrgUser>;
  /** A user's email and its earlier ones (`renamedFrom`); a group's name and its earlier ones. */
  emails(email: string): string[];
  names(group: string): string[];
  /** The declared groups among `names` (the others may exist in the org already). */
  groupDeps(names: readonly (string | undefined)[]): pulumi.Resource[];
  userDeps(emails: readonly string[]): pulumi.Resource[];
  opts(dependsOn: pulumi.Resource[], extra?: pulumi.CustomResourceOptions): pulumi.CustomResourceOptions;
  perUser: boolean;
  previousSets: Map<string, string>;
  migrated: Set<string>;
}

/** A name and its earlier ones, looked up by the lower-case name. */
function withEarlier(earlier: Map<string, string[]>): (name: string) => string[] {
  return (name) => [name, ...(earlier.get(lower(name)) ?? [])];
}

/**
 * Pulumi aliases for a renamed object and for every resource whose name derives from it: the
 * names (`names`, the current one among them) the resource had under earlier names, so the plan
 * is an update.
 */
function aliasesOf(current: string, names: string[]): { aliases?: { name: string }[] } {
  const earlier = [...new Set(names)].filter((n) => n !== current);
  return earlier.length > 0 ? { aliases: earlier.map((n) => ({ name: n })) } : {};
}

function* declareGroupsAndUsers(ctx: Context): Generator<void> {
  const { org, out, adopt, groupDeps, opts, names, previousSets, migrated } = ctx;
  const hints = declarationHints(org);
  for (const g of org.userGroups ?? []) {
    const declaredMembers = hints.members.get(lower(g.name));
    const args = { name: g.name, description: g.description, adopt: adopt || g.adopt || undefined, ...(declaredMembers ? { declaredMembers } : {}) };
    const name = `group:${lower(g.name)}`;
    out.userGroups.set(lower(g.name), new UserGroup(name, args, opts([], aliasesOf(name, names(g.name).map((n) => `group:${lower(n)}`)))));
    yield;
  }
  if (ctx.perUser) {
    yield* declarePerUser(ctx);
    return;
  }
  for (const [setName, users] of assignUserSets(org.users ?? [], previousSets, renamedFromOf)) {
    const entries: Record<string, AdobeUsersEntry> = {};
    for (const u of users) entries[lower(u.email)] = setEntry(u, adopt || migrated.has(lower(u.email)), hints.groups.get(lower(u.email)));
    const groups = [...new Set(users.flatMap((u) => u.groups ?? []))];
    // A set holding a protected user is protected as a resource too: destroy stops at it until `pulumi state unprotect`.
    const set = new AdobeUsers(setName, { users: entries }, opts(groupDeps(groups), users.some((u) => u.protect) ? { protect: true } : {}));
    out.userSets.push(set);
    for (const u of users) out.users.set(lower(u.email), set);
    yield;
  }
}

/** One AdobeUser per user, named `user:<email>` (with aliases under earlier emails): the layout before 0.3. */
function* declarePerUser({ org, out, adopt, groupDeps, opts, emails }: Context): Generator<void> {
  for (const u of org.users ?? []) {
    const { adminRoles: _roles, protect, adopt: own, renamedFrom: _earlier, ...fields } = u;
    void _roles;
    void _earlier;
    const name = `user:${lower(u.email)}`;
    const renamed = aliasesOf(name, emails(u.email).map((e) => `user:${lower(e)}`));
    out.users.set(lower(u.email), new AdobeUser(name, { ...fields, adopt: adopt || own || undefined }, opts(groupDeps(u.groups ?? []), { protect, ...renamed })));
    yield;
  }
}

/**
 * The hints `check` reads (resources/hints.ts): each group's declared members, and each user's
 * groups outside its own `groups` (member lists, admin roles), so that after an interrupted run the
 * provider can tell this stack's half-made objects from anyone else's.
 */
function declarationHints(org: OrgFile): { members: Map<string, string[]>; groups: Map<string, string[]> } {
  const members = new Map<string, Set<string>>();
  const groups = new Map<string, Set<string>>();
  const add = (map: Map<string, Set<string>>, key: string, value: string) => map.set(lower(key), (map.get(lower(key)) ?? new Set()).add(value));
  for (const u of org.users ?? []) {
    for (const g of u.groups ?? []) add(members, g, u.email);
    for (const r of u.adminRoles ?? []) add(groups, u.email, typeof r === "string" ? adminGroupName(r, undefined) : adminGroupName(r.role, r.target));
  }
  for (const g of org.userGroups ?? []) {
    for (const m of g.members ?? []) {
      add(members, g.name, m);
      add(groups, m, g.name);
    }
    for (const a of g.admins ?? []) add(groups, a, adminGroupName("userGroupAdmin", g.name));
  }
  const lists = (map: Map<string, Set<string>>) => new Map([...map].map(([k, v]) => [k, [...v].sort()]));
  return { members: lists(members), groups: lists(groups) };
}

/** A user of org.yaml as its set declares it: the AdobeUser inputs, its earlier emails and protect. */
function setEntry(u: OrgUser, adopt: boolean, declaredGroups?: string[]): AdobeUsersEntry {
  const { adminRoles: _roles, protect, adopt: own, renamedFrom: _earlier, ...fields } = u;
  void _roles;
  void _earlier;
  const earlier = renamedFromOf(u);
  return JSON.parse(
    JSON.stringify({ ...fields, adopt: adopt || own || undefined, renamedFrom: earlier.length > 0 ? earlier : undefined, protect: protect || undefined, declaredGroups }),
  ) as AdobeUsersEntry;
}

function* declareEdges(ctx: Context): Generator<void> {
  const { org, out, groupDeps, userDeps, opts } = ctx;
  const { emails, names } = ctx;
  const role = (email: string, r: AdminRole, target: string | undefined) => {
    const roleName = (e: string, t?: string) => `role:${lower(e)}:${lower(adminGroupName(r, t))}`;
    const name = roleName(email, target);
    const deps = [...userDeps([email]), ...(r === "userGroupAdmin" ? groupDeps([target]) : [])];
    // Only user groups' admin groups follow a group rename: other targets are profiles or products.
    const targets = r === "userGroupAdmin" && target !== undefined ? names(target) : [target];
    const renamed = aliasesOf(name, emails(email).flatMap((e) => targets.map((t) => roleName(e, t))));
    out.adminRoles.push(new AdminRoleAssignment(name, { ...userRef(email, ctx.declaredUsers), role: r, target }, opts(deps, renamed)));
  };
  for (const u of org.users ?? []) {
    for (const entry of u.adminRoles ?? []) {
      if (typeof entry === "string") role(u.email, entry, undefined);
      else role(u.email, entry.role, entry.target);
      yield;
    }
  }
  for (const g of org.userGroups ?? []) {
    const deps = groupDeps([g.name]);
    const earlier = names(g.name);
    for (const p of g.productProfiles ?? []) {
      const name = `profile:${lower(g.name)}:${lower(p)}`;
      const renamed = aliasesOf(name, earlier.map((n) => `profile:${lower(n)}:${lower(p)}`));
      out.productProfiles.push(new UserGroupProductProfile(name, { group: g.name, productProfile: p }, opts(deps, renamed)));
      yield;
    }
    for (const a of g.admins ?? []) {
      role(a, "userGroupAdmin", g.name);
      yield;
    }
    if (g.members) {
      const name = `members:${lower(g.name)}`;
      const renamed = aliasesOf(name, earlier.map((n) => `members:${lower(n)}`));
      out.groupMembers.push(new GroupMembers(name, { group: g.name, users: g.members }, opts([...deps, ...userDeps(g.members)], renamed)));
      yield;
    }
  }
}

/** How an edge names a user: a declared Federated ID with a non-email login by username and domain. */
function userRef(email: string, declared: Map<string, OrgUser>): { user: string; userDomain?: string } {
  const u = declared.get(lower(email));
  if (u?.identityType === "federatedID" && u.username && !u.username.includes("@")) return { user: u.username, userDomain: u.domain };
  return { user: email };
}
