/**
 * Pulumi steps in the org's own terms: which users and groups come and go (and how a user goes:
 * `onDelete`), admin roles granted and revoked, renames (a step whose old URN is an alias of the
 * new one), field changes, product profiles attached and detached, and memberships per group from
 * all three places that declare them (AdobeUser `groups`, GroupMembership edges, GroupMembers lists).
 */
import { RESOURCE_TYPES, type OnDelete, type ResourceKind } from "../resources/types";
import type { StateJson, StepJson } from "./pulumiJson";

export const SUMMARY_KINDS = ["users", "userGroups", "productProfiles", "memberships", "adminRoles"] as const;
export type SummaryKind = (typeof SUMMARY_KINDS)[number];
export interface Counts {
  added: number;
  changed: number;
  removed: number;
}

export interface Removal {
  kind: "user" | "userGroup";
  name: string;
  /** Users only: what the removal does in Adobe (default removeFromOrg). */
  onDelete?: OnDelete;
  /** A replace: the account is deleted and created again (allowReplace). */
  replaced?: boolean;
}
export interface AdminChange {
  user: string;
  role: string;
  target?: string;
}
export interface Rename {
  kind: "user" | "userGroup";
  from: string;
  to: string;
}
export interface FieldChange {
  kind: "user" | "userGroup";
  name: string;
  field: string;
  from: unknown;
  to: unknown;
}
export interface ProfileChange {
  group: string;
  productProfile: string;
}
export interface MembershipDelta {
  added: string[];
  removed: string[];
  /** A GroupMembers list created: the group's members become exactly the list. */
  owned?: boolean;
}

export interface OrgChanges {
  counts: Record<SummaryKind, Counts>;
  removals: Removal[];
  adminGrants: AdminChange[];
  adminRevocations: AdminChange[];
  renames: Rename[];
  newUsers: string[];
  newGroups: string[];
  fieldChanges: FieldChange[];
  profilesAttached: ProfileChange[];
  profilesDetached: ProfileChange[];
  /** By group name as written in the program (the first spelling met). */
  memberships: Map<string, MembershipDelta>;
  /** Steps that failed (an up), by resource name. */
  failed: string[];
}

/** Fields no program sets: filled in by the provider (ids from a read, the pinned org, ...). Never a change. */
export const OUTPUT_ONLY: Readonly<Record<ResourceKind, readonly string[]>> = {
  AdobeUser: ["userId", "status", "orgId", "createIncomplete"],
  AdobeUsers: ["orgId"],
  UserGroup: ["groupId", "readOnly", "orgId", "createIncomplete"],
  GroupMembership: ["orgId", "createIncomplete"],
  GroupMembers: ["orgId", "createIncomplete"],
  UserGroupProductProfile: ["orgId", "createIncomplete"],
  AdminRoleAssignment: ["adminGroup", "orgId", "createIncomplete"],
};

const TYPE_PREFIX = "pulumi-nodejs:dynamic/umapi:";

/** The resource kind of a state or URN type token, or undefined for anything else (the stack, providers). */
export function kindOf(type: string | undefined): ResourceKind | undefined {
  const k = type?.startsWith(TYPE_PREFIX) ? type.slice(TYPE_PREFIX.length) : undefined;
  return (RESOURCE_TYPES as readonly string[]).includes(k ?? "") ? (k as ResourceKind) : undefined;
}

export const urnType = (urn: string) => urn.split("::")[2];
export const urnName = (urn: string) => urn.split("::").slice(3).join("::");

type Args = Record<string, unknown>;
const lower = (s: string) => s.toLowerCase();
const str = (v: unknown) => (typeof v === "string" ? v : undefined);
const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

export function emptyChanges(): OrgChanges {
  const counts = Object.fromEntries(SUMMARY_KINDS.map((k) => [k, { added: 0, changed: 0, removed: 0 }])) as Record<SummaryKind, Counts>;
  return { counts, removals: [], adminGrants: [], adminRevocations: [], renames: [], newUsers: [], newGroups: [], fieldChanges: [], profilesAttached: [], profilesDetached: [], memberships: new Map(), failed: [] };
}

/** The steps that change something, in the org's terms. */
export function orgChanges(steps: readonly StepJson[], failed: ReadonlySet<string> = new Set()): OrgChanges {
  const out = emptyChanges();
  const renamedGroups = new Map<string, string>();
  for (const s of steps) {
    const olds = s.oldState?.inputs ?? s.oldState?.outputs;
    const news = s.newState?.inputs ?? s.newState?.outputs;
    if (kindOf(s.newState?.type ?? s.oldState?.type ?? urnType(s.urn)) === "UserGroup" && olds && news && str(olds.name) !== str(news.name)) renamedGroups.set(lower(String(olds.name)), String(news.name));
  }
  out.failed.push(...[...failed].map(urnName).sort());
  for (const s of steps) {
    const kind = kindOf(s.newState?.type ?? s.oldState?.type ?? urnType(s.urn));
    if (!kind) continue;
    const op = opOf(s);
    if (!op) continue;
    const olds = argsOf(s.oldState);
    const news = argsOf(s.newState);
    STEP_HANDLERS[kind](out, op, olds, news, { renamed: s.oldState !== undefined && s.oldState.urn !== s.urn, renamedGroups });
  }
  return out;
}

type Op = "create" | "update" | "delete" | "replace";

/** create/update/delete/replace, or undefined for steps that change nothing (same, refresh, read) and the halves of a replace. */
function opOf(s: StepJson): Op | undefined {
  if (s.op === "create" || s.op === "update" || s.op === "delete" || s.op === "replace") return s.op;
  // A rename is a `same` step under a new URN when nothing else changes.
  if (s.op === "same" && s.oldState && s.oldState.urn !== s.urn) return "update";
  return undefined;
}

/** The declared inputs: a state's inputs (or outputs) without the provider's own fields. */
function argsOf(state: StateJson | undefined): Args | undefined {
  if (!state) return undefined;
  const kind = kindOf(state.type);
  const all = (state.inputs ?? state.outputs ?? {}) as Args;
  const hidden = new Set(["__provider", ...(kind ? OUTPUT_ONLY[kind] : [])]);
  return Object.fromEntries(Object.entries(all).filter(([k]) => !hidden.has(k)));
}

interface Context {
  renamed: boolean;
  /** Old group name (lower case) → new name, for edges that follow a group rename. */
  renamedGroups: Map<string, string>;
}
type StepHandler = (out: OrgChanges, op: Op, olds: Args | undefined, news: Args | undefined, ctx: Context) => void;

const STEP_HANDLERS: Record<ResourceKind, StepHandler> = {
  AdobeUser(out, op, olds, news, ctx) {
    objectStep(out, "user", op, olds, news, ctx);
    const user = String((news ?? olds)!.email);
    const before = op === "create" ? [] : list(olds?.groups).map((g) => ctx.renamedGroups.get(lower(g)) ?? g);
    const after = op === "delete" ? before : list(news?.groups);
    for (const g of minus(after, before)) membership(out, g, user, "added");
    for (const g of minus(before, after)) membership(out, g, user, "removed");
  },
  AdobeUsers(out, op, olds, news, ctx) {
    // A set's users, each summarised as the AdobeUser it declares (a rename: the same user under a new key).
    for (const u of setUsers(op === "create" ? undefined : olds, op === "delete" ? undefined : news)) {
      STEP_HANDLERS.AdobeUser(out, u.op, u.olds, u.news, { ...ctx, renamed: u.renamed });
    }
  },
  UserGroup(out, op, olds, news, ctx) {
    objectStep(out, "userGroup", op, olds, news, ctx);
  },
  GroupMembership(out, op, olds, news, ctx) {
    const edge = (a: Args) => ({ group: ctx.renamedGroups.get(lower(String(a.group))) ?? String(a.group), user: String(a.user) });
    if (op !== "create" && olds && !(news && sameEdge(edge(olds), edge(news)))) membership(out, edge(olds).group, edge(olds).user, "removed");
    if (op !== "delete" && news && !(olds && sameEdge(edge(olds), edge(news)))) membership(out, edge(news).group, edge(news).user, "added");
  },
  GroupMembers(out, op, olds, news) {
    const group = String((news ?? olds)!.group);
    const before = op === "create" ? [] : list(olds?.users);
    const after = op === "delete" ? [] : list(news?.users);
    for (const u of minus(after, before)) membership(out, group, u, "added");
    for (const u of minus(before, after)) membership(out, group, u, "removed");
    if (op === "create") delta(out, group).owned = true;
  },
  UserGroupProductProfile(out, op, olds, news, ctx) {
    const edge = (a: Args) => ({ group: ctx.renamedGroups.get(lower(String(a.group))) ?? String(a.group), productProfile: String(a.productProfile) });
    const same = olds && news && lower(edge(olds).group) === lower(edge(news).group) && lower(edge(olds).productProfile) === lower(edge(news).productProfile);
    if (same) return;
    if (op !== "create" && olds) {
      out.counts.productProfiles.removed++;
      out.profilesDetached.push(edge(olds));
    }
    if (op !== "delete" && news) {
      out.counts.productProfiles.added++;
      out.profilesAttached.push(edge(news));
    }
  },
  AdminRoleAssignment(out, op, olds, news, ctx) {
    // A userGroupAdmin role follows its group's rename.
    const target = (a: Args) => (a.role === "userGroupAdmin" && typeof a.target === "string" ? (ctx.renamedGroups.get(lower(a.target)) ?? a.target) : str(a.target));
    const role = (a: Args): AdminChange => ({ user: String(a.user), role: String(a.role), target: target(a) });
    if (op !== "create" && olds && !(news && sameRole(role(olds), role(news)))) {
      out.counts.adminRoles.removed++;
      out.adminRevocations.push(role(olds));
    }
    if (op !== "delete" && news && !(olds && sameRole(role(olds), role(news)))) {
      out.counts.adminRoles.added++;
      out.adminGrants.push(role(news));
    }
  },
};

/** A user (named by email) or a user group (by name): new, removed (a user with its onDelete), renamed, fields changed. */
function objectStep(out: OrgChanges, kind: "user" | "userGroup", op: Op, olds: Args | undefined, news: Args | undefined, ctx: Context): void {
  const key = kind === "user" ? "email" : "name";
  const c = out.counts[kind === "user" ? "users" : "userGroups"];
  if (op === "create") {
    c.added++;
    (kind === "user" ? out.newUsers : out.newGroups).push(String(news![key]));
    return;
  }
  if (op === "delete" || op === "replace") {
    c.removed++;
    const onDelete = kind === "user" ? (op === "replace" ? "deleteAccount" : ((olds!.onDelete as OnDelete | undefined) ?? "removeFromOrg")) : undefined;
    out.removals.push({ kind, name: String(olds![key]), onDelete, replaced: op === "replace" || undefined });
    if (op === "replace") c.added++;
    return;
  }
  const from = String(olds![key]);
  const to = String(news![key]);
  // UMAPI ignores the case of emails; a group's name is its identity, letter case included.
  const renamed = ctx.renamed || (kind === "user" ? lower(from) !== lower(to) : from !== to);
  if (renamed) out.renames.push({ kind, from, to });
  const fields = changedFields(olds!, news!, [key, "groups"]).map((f) => ({ kind, name: to, ...f }));
  out.fieldChanges.push(...fields);
  if (fields.length > 0 || renamed) c.changed++;
}

/** What a set entry holds besides the AdobeUser it declares, and the provider's own fields: never a user's change. */
const SET_ENTRY_ONLY = ["renamedFrom", "declaredGroups", "adopt", ...OUTPUT_ONLY.AdobeUser];

/** Each user of a set that changes: created, removed, or updated (renamed when its key changed). */
function setUsers(olds: Args | undefined, news: Args | undefined): { op: Op; olds?: Args; news?: Args; renamed: boolean }[] {
  const users = (a: Args | undefined) => new Map(Object.entries((a?.users ?? {}) as Record<string, Args>).map(([k, u]) => [k, entryArgs(u)]));
  const before = users(olds);
  const after = users(news);
  const earlier = (a: Args | undefined) => ((a?.users ?? {}) as Record<string, Args>);
  const out: { op: Op; olds?: Args; news?: Args; renamed: boolean }[] = [];
  const taken = new Set<string>();
  for (const [key, n] of after) {
    const from = before.has(key) ? key : list(earlier(news)[key]?.renamedFrom).map(lower).find((k) => before.has(k) && !after.has(k) && !taken.has(k));
    if (from === undefined) {
      out.push({ op: "create", news: n, renamed: false });
      continue;
    }
    taken.add(from);
    const o = before.get(from)!;
    if (from !== key || JSON.stringify(o) !== JSON.stringify(n)) out.push({ op: "update", olds: o, news: n, renamed: from !== key });
  }
  for (const [key, o] of before) if (!taken.has(key)) out.push({ op: "delete", olds: o, renamed: false });
  return out;
}

function entryArgs(u: Args): Args {
  return Object.fromEntries(Object.entries(u).filter(([k]) => !SET_ENTRY_ONLY.includes(k)).sort(([a], [b]) => (a < b ? -1 : 1)));
}

function membership(out: OrgChanges, group: string, user: string, change: "added" | "removed"): void {
  // An admin group in a user's `groups` is an admin role.
  if (group.startsWith("_")) {
    out.counts.adminRoles[change === "added" ? "added" : "removed"]++;
    (change === "added" ? out.adminGrants : out.adminRevocations).push({ user, role: group });
    return;
  }
  delta(out, group)[change].push(user);
  out.counts.memberships[change === "added" ? "added" : "removed"]++;
}

function delta(out: OrgChanges, group: string): MembershipDelta {
  const key = [...out.memberships.keys()].find((k) => lower(k) === lower(group)) ?? group;
  let d = out.memberships.get(key);
  if (!d) out.memberships.set(key, (d = { added: [], removed: [] }));
  return d;
}

const sameEdge = (a: { group: string; user: string }, b: { group: string; user: string }) => lower(a.group) === lower(b.group) && lower(a.user) === lower(b.user);
const sameRole = (a: AdminChange, b: AdminChange) => lower(a.user) === lower(b.user) && a.role === b.role && lower(a.target ?? "") === lower(b.target ?? "");

/** Names in `a` and not in `b`, case-insensitively (UMAPI ignores case). */
function minus(a: string[], b: string[]): string[] {
  const seen = new Set(b.map(lower));
  return a.filter((x) => !seen.has(lower(x)));
}

function changedFields(olds: Args, news: Args, skip: string[]): { field: string; from: unknown; to: unknown }[] {
  const keys = [...new Set([...Object.keys(olds), ...Object.keys(news)])].filter((k) => !skip.includes(k)).sort();
  return keys.filter((k) => JSON.stringify(olds[k]) !== JSON.stringify(news[k])).map((k) => ({ field: k, from: olds[k], to: news[k] }));
}
