/**
 * The removal brake: a run that would remove more users than the removal budget, or any admin, is
 * refused before anything is declared. The root program exports the users it manages
 * (`managedUsersOf`) as stack outputs, reads them back from the stack's previous update, and asks
 * `removalBrake` whether the new file may remove what it no longer declares.
 */
import { createHash } from "node:crypto";
import { RemovalBudgetSchema, removalLimit, renamedFromOf, toRemovalBudget, type OrgFile, type OrgUser, type RemovalBudget } from "./schema";

/** The users an org file manages, as the stack outputs `managedUsers` and `adminUsers`. */
export interface ManagedUsers {
  /** Lower-case emails, sorted. */
  managedUsers: string[];
  /** Those with admin roles (their own `adminRoles`, or a group's `admins`) or `protect: true`. */
  adminUsers: string[];
  /**
   * For each of `managedUsers`, in order, a short hash of the user's identity type, names and
   * country ("" for a user without names): a removed user and a new user with the same fingerprint
   * look like an email change that was not declared with `renamedFrom`.
   */
  userFingerprints?: string[];
  /** Earlier emails (`renamedFrom`) of the declared users, lower case: their removal is a rename. */
  renamedFrom?: string[];
}

/**
 * Without `settings.removalBudget`, a run may remove the larger of `count` users and `percent`% of
 * the users the stack managed at its last update.
 */
export const DEFAULT_REMOVAL_BUDGET = { count: 5, percent: 2 } as const;

// Users are keyed like their resources (`user:<email>`): a changed email deletes a resource, so it
// counts as a removal even when a Federated ID's username stays the same.
const keyOf = (email: string) => email.toLowerCase();
const sorted = (keys: Iterable<string>) => [...new Set(keys)].sort();

export function managedUsersOf(org: OrgFile): ManagedUsers {
  const users = org.users ?? [];
  const declared = new Set(users.map((u) => keyOf(u.email)));
  const groupAdmins = (org.userGroups ?? []).flatMap((g) => (g.admins ?? []).map(keyOf)).filter((k) => declared.has(k));
  const admins = users.filter((u) => u.protect === true || (u.adminRoles ?? []).length > 0).map((u) => keyOf(u.email));
  const managedUsers = sorted(declared);
  const byKey = new Map(users.map((u) => [keyOf(u.email), u]));
  return {
    managedUsers,
    adminUsers: sorted([...admins, ...groupAdmins]),
    userFingerprints: managedUsers.map((k) => fingerprint(byKey.get(k)!)),
    renamedFrom: sorted(users.flatMap((u) => renamedFromOf(u).map(keyOf))),
  };
}

function fingerprint(u: OrgUser): string {
  if (!u.firstName && !u.lastName) return "";
  const text = [u.identityType ?? "enterpriseID", u.firstName ?? "", u.lastName ?? "", u.country ?? ""].join("|").toLowerCase();
  return createHash("sha256").update(text).digest("hex").slice(0, 10);
}

/**
 * Removed users that look renamed: a user gone from the file, and a new one (not `renamedFrom`
 * anything) with the same fingerprint. Each hint says how to declare the rename.
 */
export function renameHints(previous: Partial<ManagedUsers> | undefined, declared: ManagedUsers, fileName = "org.yaml"): string[] {
  const before = previous?.managedUsers ?? [];
  const prints = previous?.userFingerprints ?? [];
  if (prints.length !== before.length) return [];
  const was = new Set(before);
  const now = new Set(declared.managedUsers);
  const renamed = new Set(declared.renamedFrom ?? []);
  const added = new Map<string, string[]>();
  declared.managedUsers.forEach((k, i) => {
    const f = declared.userFingerprints?.[i];
    if (f && !was.has(k)) added.set(f, [...(added.get(f) ?? []), k]);
  });
  const hints: string[] = [];
  before.forEach((k, i) => {
    const candidates = prints[i] ? added.get(prints[i]!) : undefined;
    if (now.has(k) || renamed.has(k) || !candidates || candidates.length !== 1) return;
    hints.push(
      `${fileName} removes ${k} and adds ${candidates[0]} with the same names, country and identity type: this looks like a change of email, which would remove ${k} from the org and create a new, empty account. ` +
        `To keep the same Adobe account (its files, groups and roles), add "renamedFrom: ${k}" to ${candidates[0]} in ${fileName}.`,
    );
  });
  return hints;
}

/** The previous stack outputs, as read back (any value that is not a list of strings counts as absent). */
export function previousManagedUsers(outputs: { managedUsers?: unknown; adminUsers?: unknown; userFingerprints?: unknown }): Partial<ManagedUsers> | undefined {
  const strings = (v: unknown) => (Array.isArray(v) && v.every((x) => typeof x === "string") ? (v as string[]) : undefined);
  const managedUsers = strings(outputs.managedUsers);
  const userFingerprints = strings(outputs.userFingerprints);
  return managedUsers ? { managedUsers, adminUsers: strings(outputs.adminUsers) ?? [], ...(userFingerprints ? { userFingerprints } : {}) } : undefined;
}

export type Allowance = number | "all";

/** A budget given as text (stack config, environment): `10` or `"5%"`, as settings.removalBudget takes it; undefined when unset. */
export function parseBudget(value: string | undefined, key: string): RemovalBudget | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const v = value.trim();
  const parsed = RemovalBudgetSchema.safeParse(/^\d+$/.test(v) ? Number(v) : v);
  if (!parsed.success) throw new Error(`${key} must be a whole number (10) or a share of the org's users ("2%"), got "${value}"`);
  return toRemovalBudget(parsed.data);
}

/** A whole number or `all`; undefined when unset. */
export function parseAllowance(value: string | undefined, key: string): Allowance | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const v = value.trim().toLowerCase();
  if (v === "all") return "all";
  if (/^\d+$/.test(v)) return Number(v);
  throw new Error(`${key} must be a whole number or "all", got "${value}"`);
}

/** Explicit intent to remove more users than the budget, or admins: stack config first, then environment. */
export interface RemovalOverrides {
  /** `umapi:allowRemovals` / `UMAPI_ALLOW_REMOVALS`: a run may remove up to this many users, or `all`. */
  allowRemovals?: Allowance;
  /** `umapi:allowAdminRemovals` / `UMAPI_ALLOW_ADMIN_REMOVALS`: a run may remove admins and protected users. */
  allowAdminRemovals?: boolean;
}

/** Reads the overrides from stack config values and the environment. Throws on a malformed value. */
export function removalOverridesOf(config: { allowRemovals?: string; allowAdminRemovals?: string }, env: Record<string, string | undefined>): RemovalOverrides {
  // An empty environment variable counts as unset.
  const count = config.allowRemovals ?? (env.UMAPI_ALLOW_REMOVALS || undefined);
  const admins = config.allowAdminRemovals ?? (env.UMAPI_ALLOW_ADMIN_REMOVALS || undefined);
  const allowRemovals = parseAllowance(count, "umapi:allowRemovals (or UMAPI_ALLOW_REMOVALS)");
  if (admins !== undefined && !/^(true|false)$/i.test(admins.trim())) throw new Error(`umapi:allowAdminRemovals (or UMAPI_ALLOW_ADMIN_REMOVALS) must be true or false, got "${admins}"`);
  return {
    ...(allowRemovals !== undefined ? { allowRemovals } : {}),
    ...(admins !== undefined ? { allowAdminRemovals: admins.trim().toLowerCase() === "true" } : {}),
  };
}

export interface RemovalBrakeInput {
  /** The stack's outputs at its last update; undefined (or without `managedUsers`) on a first run. */
  previous: Partial<ManagedUsers> | undefined;
  /** The users the org file declares now. */
  declared: ManagedUsers;
  /** `settings.removalBudget`; default DEFAULT_REMOVAL_BUDGET. */
  budget?: RemovalBudget;
  overrides?: RemovalOverrides;
  /** Names the file in messages. Default "org.yaml". */
  fileName?: string;
  /** Names where `budget` was set, in messages. Default "settings.removalBudget". */
  budgetKey?: string;
}

export interface RemovalBrakeResult {
  /** Users managed at the last update and no longer declared, sorted. */
  removals: string[];
  /** The admins and protected users among them. */
  adminRemovals: string[];
  /** The most users this run may remove without an override. */
  limit: number;
  /** Why the run is refused (one paragraph per reason); undefined when it may go ahead. */
  refusal?: string;
}

/** How many names a message lists. */
const LISTED = 10;

export function removalBrake(input: RemovalBrakeInput): RemovalBrakeResult {
  const { previous, declared, budget, overrides = {}, fileName = "org.yaml", budgetKey = "settings.removalBudget" } = input;
  const before = previous?.managedUsers ?? [];
  const now = new Set(declared.managedUsers);
  // A user renamed with `renamedFrom` keeps its Adobe account: no removal.
  const renamed = new Set(declared.renamedFrom ?? []);
  const removals = sorted(before.filter((k) => !now.has(k) && !renamed.has(k)));
  const wasAdmin = new Set(previous?.adminUsers ?? []);
  const adminRemovals = removals.filter((k) => wasAdmin.has(k));
  const limit = budget ? removalLimit(budget, before.length) : defaultLimit(before.length);
  const reasons: string[] = [];
  const allowed = overrides.allowRemovals === "all" ? Infinity : (overrides.allowRemovals ?? -1);
  if (removals.length > limit && allowed < removals.length) {
    const n = removals.length;
    reasons.push(
      `${fileName} would remove ${users(n)} (budget ${limit}: ${budgetSource(budget, before.length, budgetKey)}): ${list(removals)}. ` +
        `To allow this run, set stack config umapi:allowRemovals to ${n} (pulumi config set umapi:allowRemovals ${n}, or UMAPI_ALLOW_REMOVALS=${n} for one run) or raise ${budgetKey}.`,
    );
  }
  if (adminRemovals.length > 0 && overrides.allowAdminRemovals !== true) {
    reasons.push(
      `${fileName} removes admin users (admin roles or protect: true at the last update): ${list(adminRemovals)}. ` +
        `To remove them, set stack config umapi:allowAdminRemovals true (pulumi config set umapi:allowAdminRemovals true, or UMAPI_ALLOW_ADMIN_REMOVALS=true for one run).`,
    );
  }
  return { removals, adminRemovals, limit, ...(reasons.length > 0 ? { refusal: reasons.join("\n") } : {}) };
}

/** Without a budget: the larger of DEFAULT_REMOVAL_BUDGET.count users and its percent of `orgUsers`. */
export function defaultLimit(orgUsers: number): number {
  return Math.max(DEFAULT_REMOVAL_BUDGET.count, removalLimit({ kind: "percent", percent: DEFAULT_REMOVAL_BUDGET.percent }, orgUsers));
}

function budgetSource(budget: RemovalBudget | undefined, orgUsers: number, key: string): string {
  if (!budget) return `the default, the larger of ${DEFAULT_REMOVAL_BUDGET.count} users and ${DEFAULT_REMOVAL_BUDGET.percent}% of the ${users(orgUsers)} the stack manages`;
  if (budget.kind === "count") return key;
  return `${key} ${budget.percent}% of ${users(orgUsers)}`;
}

const users = (n: number) => (n === 1 ? "1 user" : `${n} users`);

function list(keys: string[]): string {
  if (keys.length <= LISTED) return keys.join(", ");
  return `${keys.slice(0, LISTED).join(", ")}, … (first ${LISTED} of ${keys.length})`;
}
