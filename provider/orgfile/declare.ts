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
import type { OrgFile, OrgUser } from "./schema";

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
  /** The declared groups among `names` (the others may exist in the org already). */
  groupDeps(names: readonly (string | undefined)[]): pulumi.Resource[];
  userDeps(emails: readonly string[]): pulumi.Resource[];
  opts(dependsOn: pulumi.Resource[], extra?: pulumi.CustomResourceOptions): pulumi.CustomResourceOptions;
}

function* declareGroupsAndUsers({ org, out, adopt, groupDeps, opts }: Context): Generator<void> {
  for (const g of org.userGroups ?? []) {
    const args = { name: g.name, description: g.description, adopt: adopt || g.adopt || undefined };
    out.userGroups.set(lower(g.name), new UserGroup(`group:${lower(g.name)}`, args, opts([])));
    yield;
  }
  for (const u of org.users ?? []) {
    const { adminRoles: _roles, protect, adopt: own, ...fields } = u;
    void _roles;
    const user = new AdobeUser(`user:${lower(u.email)}`, { ...fields, adopt: adopt || own || undefined }, opts(groupDeps(u.groups ?? []), { protect }));
    out.users.set(lower(u.email), user);
    yield;
  }
}

function* declareEdges(ctx: Context): Generator<void> {
  const { org, out, groupDeps, userDeps, opts } = ctx;
  const role = (email: string, r: AdminRole, target: string | undefined) => {
    const name = `role:${lower(email)}:${lower(adminGroupName(r, target))}`;
    const deps = [...userDeps([email]), ...(r === "userGroupAdmin" ? groupDeps([target]) : [])];
    out.adminRoles.push(new AdminRoleAssignment(name, { ...userRef(email, ctx.declaredUsers), role: r, target }, opts(deps)));
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
    for (const p of g.productProfiles ?? []) {
      out.productProfiles.push(new UserGroupProductProfile(`profile:${lower(g.name)}:${lower(p)}`, { group: g.name, productProfile: p }, opts(deps)));
      yield;
    }
    for (const a of g.admins ?? []) {
      role(a, "userGroupAdmin", g.name);
      yield;
    }
    if (g.members) {
      out.groupMembers.push(new GroupMembers(`members:${lower(g.name)}`, { group: g.name, users: g.members }, opts([...deps, ...userDeps(g.members)])));
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
