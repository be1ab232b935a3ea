/**
 * Checks only a whole org file can make: names declared twice (UMAPI compares them ignoring case),
 * the same admin role declared twice, and GroupMembers mixed with memberships on one group. Users
 * that `admins`, `members` or role entries name need not be declared here: they may already be in
 * the org.
 */
import type { z } from "zod";
import { adminGroupName, type AdminRole } from "../resources/types";
import { AdminRoleAssignmentSchema } from "../resources/validation";

type Path = (string | number)[];

/** The parts of a structurally valid org file the cross-checks read. */
export interface CheckedOrg {
  users?: { email: string; identityType?: string; groups?: string[]; adminRoles?: (AdminRole | { role: AdminRole; target?: string })[]; renamedFrom?: string | string[] }[];
  userGroups?: { name: string; productProfiles?: string[]; admins?: string[]; members?: string[]; renamedFrom?: string | string[] }[];
}

const lower = (s: string) => s.toLowerCase();
const where = (path: Path) => path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");

export function crossCheck(org: CheckedOrg, ctx: z.core.$RefinementCtx<unknown>): void {
  const issue = (path: Path, message: string) => ctx.addIssue({ code: "custom", path, message });
  const users = org.users ?? [];
  const groups = org.userGroups ?? [];

  noDuplicates(users.map((u, i) => [u.email, ["users", i, "email"]]), issue, "email", "emails are case-insensitive: merge the two users");
  noDuplicates(groups.map((g, i) => [g.name, ["userGroups", i, "name"]]), issue, "user group", "group names are case-insensitive: merge the two groups");

  // Every admin role a file declares, by user and admin group, to find one declared twice.
  const roles = new Map<string, Path>();
  const declareRole = (userEmail: string, adminGroup: string, path: Path) => {
    const key = `${lower(userEmail)}|${lower(adminGroup)}`;
    const first = roles.get(key);
    if (first) issue(path, `declares ${adminGroup} for ${userEmail} again (first at ${where(first)}): keep one`);
    else roles.set(key, path);
  };

  users.forEach((u, i) => {
    const base: Path = ["users", i];
    noDuplicates((u.groups ?? []).map((g, k) => [g, [...base, "groups", k]]), issue, "group", "remove the second one");
    (u.adminRoles ?? []).forEach((entry, k) => {
      const { role, target } = typeof entry === "string" ? { role: entry, target: undefined } : entry;
      const path: Path = [...base, "adminRoles", k];
      // The resource's own rules: which roles need a target, which targets UMAPI refuses.
      const checked = AdminRoleAssignmentSchema.safeParse({ user: u.email, role, target });
      // Only the entry's own fields: the user's email has its rules, and its problem, at users[i].email.
      for (const iss of checked.success ? [] : checked.error.issues) if (iss.path[0] !== "user") issue([...path, ...(iss.path as Path)], iss.message);
      if (checked.success) declareRole(u.email, adminGroupName(role, target), path);
    });
  });

  renames(users.map((u, i) => ({ name: u.email, earlier: u.renamedFrom, path: ["users", i] })), "email", "user", issue);
  renames(groups.map((g, j) => ({ name: g.name, earlier: g.renamedFrom, path: ["userGroups", j] })), "name", "user group", issue);
  users.forEach((u, i) => {
    if (u.identityType === "adobeID" && u.renamedFrom !== undefined) {
      issue(["users", i, "renamedFrom"], "an Adobe ID belongs to its owner: UMAPI cannot change its email, so this rename would remove the user and add another account. Remove renamedFrom and keep the old email, or declare the new Adobe ID as a user of its own");
    }
  });

  groups.forEach((g, j) => {
    const base: Path = ["userGroups", j];
    noDuplicates((g.productProfiles ?? []).map((p, k) => [p, [...base, "productProfiles", k]]), issue, "product profile", "remove the second one");
    (g.admins ?? []).forEach((a, k) => declareRole(a, adminGroupName("userGroupAdmin", g.name), [...base, "admins", k]));
    if (g.members) noMixedMembership(g.name, j, users, issue);
  });
}

/** A group whose members GroupMembers owns must not also get members from users' `groups`. */
function noMixedMembership(group: string, j: number, users: NonNullable<CheckedOrg["users"]>, issue: (path: Path, message: string) => void): void {
  users.forEach((u, i) =>
    (u.groups ?? []).forEach((g, k) => {
      if (lower(g) !== lower(group)) return;
      issue(
        ["users", i, "groups", k],
        `lists "${g}", whose whole member list userGroups[${j}].members declares (a GroupMembers resource): this AdobeUser membership and GroupMembers would undo each other on every update (the GroupMembership/GroupMembers mix). Add ${u.email} to userGroups[${j}].members and remove "${g}" here`,
      );
    }),
  );
}

/** Reports every entry whose name (ignoring case) an earlier entry already has. */
function noDuplicates(entries: [string, Path][], issue: (path: Path, message: string) => void, what: string, fix: string): void {
  const seen = new Map<string, Path>();
  for (const [name, path] of entries) {
    const first = seen.get(lower(name));
    if (first) issue(path, `duplicates the ${what} "${name}" of ${where(first)}: ${fix}`);
    else seen.set(lower(name), path);
  }
}

/**
 * `renamedFrom`: an earlier name may not be another entry's current name (one object cannot be
 * both), nor the earlier name of two entries.
 */
function renames(entries: { name: string; earlier?: string | string[]; path: Path }[], field: string, what: string, issue: (path: Path, message: string) => void): void {
  const current = new Map(entries.map((e) => [lower(e.name), e]));
  const claimed = new Map<string, Path>();
  for (const e of entries) {
    const earlier = e.earlier === undefined ? [] : Array.isArray(e.earlier) ? e.earlier : [e.earlier];
    earlier.forEach((old, k) => {
      const path: Path = [...e.path, "renamedFrom", ...(Array.isArray(e.earlier) ? [k] : [])];
      if (lower(old) === lower(e.name)) return;
      const other = current.get(lower(old));
      if (other) issue([...other.path, field], `"${other.name}" is the earlier ${field} of ${where(e.path)} (${e.name}, renamedFrom): one ${what} cannot be both. Give this ${what} another ${field}, or remove "${old}" from ${where(path)}`);
      const first = claimed.get(lower(old));
      if (first) issue(path, `"${old}" is also the earlier ${field} at ${where(first)}: one ${what} can only become one ${what}`);
      else claimed.set(lower(old), path);
    });
  }
}
