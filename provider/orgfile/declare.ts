/**
 * `declareOrg`: the Pulumi resources of an org file. Resource names derive from the objects'
 * names, in lower case (UMAPI ignores case), so they stay stable across runs and file reorderings:
 * `group:<name>`, `user:<email>`, `profile:<group>:<profile>`, `role:<email>:<admin group>`,
 * `members:<group>`. Edges depend on the declared groups and users they name, so groups are
 * created before (and deleted after) what references them.
 */
import type * as pulumi from "@pulumi/pulumi";
import { AdminRoleAssignment, AdobeUser, GroupMembers, UserGroup, UserGroupProductProfile } from "../resources/classes";
import { adminGroupName, type AdminRole } from "../resources/types";
import { renamedFromOf, type OrgFile, type OrgUser } from "./schema";

export interface DeclareOrgOptions {
  /** Parent of every resource, e.g. a ComponentResource. Default none (the stack). */
  parent?: pulumi.Resource;
  /** Resources every declared resource depends on. Default none. */
  dependsOn?: pulumi.Resource[];
}

export interface DeclaredOrg {
  /** By lower-case email. */
  users: Map<string, AdobeUser>;
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
  const out: DeclaredOrg = { users: new Map(), userGroups: new Map(), productProfiles: [], adminRoles: [], groupMembers: [] };
  const ctx: Context = {
    org,
    out,
    adopt: org.settings?.adopt === true,
    declaredUsers: new Map((org.users ?? []).map((u) => [lower(u.email), u])),
    emails: withEarlier(new Map((org.users ?? []).map((u) => [lower(u.email), renamedFromOf(u)]))),
    names: withEarlier(new Map((org.userGroups ?? []).map((g) => [lower(g.name), renamedFromOf(g)]))),
    groupDeps: (names) => names.flatMap((n) => (n === undefined ? [] : (out.userGroups.get(lower(n)) ?? []))),
    userDeps: (emails) => emails.flatMap((e) => out.users.get(lower(e)) ?? []),
    opts: (dependsOn, extra = {}) => ({ ...extra, parent: options.parent, dependsOn: [...(options.dependsOn ?? []), ...dependsOn] }),
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

function* declareGroupsAndUsers({ org, out, adopt, groupDeps, opts, emails, names }: Context): Generator<void> {
  for (const g of org.userGroups ?? []) {
    const args = { name: g.name, description: g.description, adopt: adopt || g.adopt || undefined };
    const name = `group:${lower(g.name)}`;
    out.userGroups.set(lower(g.name), new UserGroup(name, args, opts([], aliasesOf(name, names(g.name).map((n) => `group:${lower(n)}`)))));
    yield;
  }
  for (const u of org.users ?? []) {
    const { adminRoles: _roles, protect, adopt: own, renamedFrom: _earlier, ...fields } = u;
    void _roles;
    void _earlier;
    const name = `user:${lower(u.email)}`;
    const renamed = aliasesOf(name, emails(u.email).map((e) => `user:${lower(e)}`));
    const user = new AdobeUser(name, { ...fields, adopt: adopt || own || undefined }, opts(groupDeps(u.groups ?? []), { protect, ...renamed }));
    out.users.set(lower(u.email), user);
    yield;
  }
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
