/**
 * The exporter: reads the live org and builds the org file that adopts it as it is, so that the
 * first `pulumi up` of the file changes nothing (and sends no action request). Admin groups become
 * `adminRoles`; what UMAPI cannot assign, or does not return, is left out and said in comments.
 */
import type { UmapiClient } from "../umapi/client";
import { collectAll } from "../umapi/paging";
import type { Group, User } from "../umapi/schema";
import { UNASSIGNABLE_ADMIN_GROUPS } from "../umapi/limits";
import type { AdobeUserArgs } from "../resources/types";
import { formatPath } from "./problems";
import { OrgUserSchema, type AdminRoleEntry } from "./schema";

/** A user of the exported file: the AdobeUser fields UMAPI returns, plus the file's own. */
export type ExportedUser = Pick<AdobeUserArgs, "email" | "identityType" | "username" | "domain" | "firstName" | "lastName" | "country" | "groups"> & {
  adminRoles?: AdminRoleEntry[];
  protect?: boolean;
};

export interface ExportedOrg {
  org: { settings: { adopt: true }; users: ExportedUser[]; userGroups: { name: string }[] };
  /** Per exported user (lower-case email): memberships left out, and why. */
  userNotes: Map<string, string[]>;
  /** Users not exported, and why (their file entry would not pass `check`). */
  skippedUsers: { email: string; reason: string }[];
  /** Read-only user groups shared from another org: not managed from this org. */
  readOnlyGroups: string[];
}

export interface OrgSnapshot {
  users: User[];
  groups: Group[];
}

/** One read of the org: users with their direct memberships, and every group. */
export async function readOrgSnapshot(client: UmapiClient): Promise<OrgSnapshot> {
  const [users, groups] = await Promise.all([collectAll(client.listUsers({ directOnly: true })), collectAll(client.listGroups())]);
  return { users, groups };
}

const lower = (s: string) => s.toLowerCase();
const IDENTITY_TYPES = ["adobeID", "enterpriseID", "federatedID"] as const;

/** The org file of a snapshot (pure). */
export function buildOrgFile(snapshot: OrgSnapshot): ExportedOrg {
  const groups = new Map(snapshot.groups.map((g) => [lower(g.groupName), g]));
  const result: ExportedOrg = { org: { settings: { adopt: true }, users: [], userGroups: [] }, userNotes: new Map(), skippedUsers: [], readOnlyGroups: [] };
  const seen = new Map<string, string>();
  for (const u of snapshot.users) {
    if (u.status && u.status !== "active") continue;
    const email = u.email ?? u.username ?? "(no email)";
    const type = IDENTITY_TYPES.find((t) => t === u.type);
    if (!type) {
      result.skippedUsers.push({ email, reason: `UMAPI reports its identity type as "${u.type ?? "(none)"}", which cannot be managed` });
      continue;
    }
    const other = seen.get(lower(email));
    if (other) {
      result.skippedUsers.push({ email, reason: `the ${other} with the same email is exported instead (org.yaml identifies users by email)` });
      continue;
    }
    const { user, notes } = exportUser(u, type, groups);
    const checked = OrgUserSchema.safeParse(user);
    if (!checked.success) {
      const issue = checked.error.issues[0]!;
      result.skippedUsers.push({ email, reason: `${formatPath(issue.path)} ${issue.message}; complete it in the Admin Console or add the user by hand` });
      continue;
    }
    seen.set(lower(email), type);
    result.org.users.push(user);
    if (notes.length > 0) result.userNotes.set(lower(email), notes);
  }
  for (const g of snapshot.groups) {
    if (g.type !== "USER_GROUP") continue;
    if (g.isReadOnly) result.readOnlyGroups.push(g.groupName);
    else result.org.userGroups.push({ name: g.groupName });
  }
  return result;
}

function exportUser(u: User, type: ExportedUser["identityType"], groups: Map<string, Group>): { user: ExportedUser; notes: string[] } {
  const memberOf: string[] = [];
  const adminRoles: AdminRoleEntry[] = [];
  const notes: string[] = [];
  let admin = false;
  for (const name of u.groups ?? []) {
    const m = classify(name, groups);
    if (m.kind === "group") memberOf.push(m.name);
    else if (m.kind === "role") adminRoles.push(m.entry);
    else notes.push(m.note);
    admin ||= m.kind === "role" || (m.kind === "note" && m.admin === true);
  }
  const nonEmailLogin = type === "federatedID" && u.username !== undefined && !u.username.includes("@");
  const user: ExportedUser = {
    email: u.email ?? "",
    identityType: type,
    ...(nonEmailLogin ? { username: u.username, domain: u.domain } : {}),
    ...(u.firstname ? { firstName: u.firstname } : {}),
    ...(u.lastname ? { lastName: u.lastname } : {}),
    ...(u.country ? { country: u.country } : {}),
    ...(memberOf.length > 0 ? { groups: memberOf } : {}),
    ...(adminRoles.length > 0 ? { adminRoles } : {}),
    // Admins are protected: a file edit must not remove an administrator by accident.
    ...(admin ? { protect: true } : {}),
  };
  return { user, notes };
}

type Membership = { kind: "group"; name: string } | { kind: "role"; entry: AdminRoleEntry } | { kind: "note"; note: string; admin?: boolean };

/** What one of a user's direct groups is: a membership, an admin role, or something left out (reference §8.4). */
export function classify(name: string, groups: Map<string, Group>): Membership {
  const l = lower(name);
  const listed = groups.get(l);
  if ((UNASSIGNABLE_ADMIN_GROUPS as readonly string[]).includes(l)) {
    return { kind: "note", admin: true, note: `${name} is not exported: UMAPI can neither assign nor remove it (manage it in the Admin Console)` };
  }
  if (l === "_support_admin") return { kind: "role", entry: "supportAdmin" };
  if (l === "_deployment_admin") return { kind: "role", entry: "deploymentAdmin" };
  if (l.startsWith("_product_admin_")) return { kind: "role", entry: { role: "productAdmin", target: listed?.productName ?? name.slice("_product_admin_".length) } };
  if (l.startsWith("_developer_")) return { kind: "role", entry: { role: "developer", target: listed?.productProfileName ?? name.slice("_developer_".length) } };
  if (l.startsWith("_admin_")) {
    const targetName = name.slice("_admin_".length);
    const target = groups.get(lower(targetName));
    if (listed?.type === "USER_ADMIN_GROUP" || target?.type === "USER_GROUP") return { kind: "role", entry: { role: "userGroupAdmin", target: target?.groupName ?? targetName } };
    if (listed?.type === "PROFILE_ADMIN_GROUP" || target?.type === "PRODUCT_PROFILE") return { kind: "role", entry: { role: "productProfileAdmin", target: target?.groupName ?? targetName } };
  }
  if (l.startsWith("_")) return { kind: "note", admin: true, note: `${name} is not exported: not an admin group this tool knows` };
  if (listed?.type === "USER_GROUP" && listed.isReadOnly) {
    return { kind: "note", note: `member of "${listed.groupName}", a read-only group shared from another org: not exported (its members are managed there)` };
  }
  return { kind: "group", name: listed?.groupName ?? name };
}
