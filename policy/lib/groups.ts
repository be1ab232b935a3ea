import { ADMIN_ROLES, adminGroupName, type AdminRole } from "../../provider/resources/types";
import { UNASSIGNABLE_ADMIN_GROUPS } from "../../provider/umapi/limits";

/** Group names are case-insensitive identifiers (reference §8.4); user-sync also strips them. */
export function groupKey(name: string): string {
  return name.trim().toLowerCase();
}

export function sameGroup(a: string, b: string): boolean {
  return groupKey(a) === groupKey(b);
}

/** `_org_admin`, `_compartment_admin`, `_compartment_viewer`: UMAPI can neither add nor remove them (reference §8.4). */
export function isUnassignableAdminGroup(name: string): boolean {
  return (UNASSIGNABLE_ADMIN_GROUPS as readonly string[]).includes(groupKey(name));
}

const ADMIN_GROUP_NAMES = ["_support_admin", "_deployment_admin"];
const ADMIN_GROUP_PREFIXES = ["_admin_", "_product_admin_", "_developer_"];

/** An admin group (reference §8.4): assignable roles, plus the unassignable ones. */
export function isAdminGroup(name: string): boolean {
  const key = groupKey(name);
  return (
    ADMIN_GROUP_NAMES.includes(key) ||
    ADMIN_GROUP_PREFIXES.some((p) => key.startsWith(p) && key.length > p.length) ||
    isUnassignableAdminGroup(key)
  );
}

/** A case-insensitive set of group names. */
export class GroupNameSet {
  private readonly keys: Set<string>;

  constructor(names: Iterable<string>) {
    this.keys = new Set([...names].map(groupKey));
  }

  has(name: string): boolean {
    return this.keys.has(groupKey(name));
  }
}

/** `"a", "b" and "c"` for messages. */
export function quoteList(values: readonly string[]): string {
  const q = values.map((v) => JSON.stringify(v));
  return q.length <= 1 ? (q[0] ?? "") : `${q.slice(0, -1).join(", ")} and ${q[q.length - 1]}`;
}

/** The admin group an AdminRoleAssignment grants: derived from a known role, else the raw role string. */
export function grantedAdminGroup(role: string, target: string | undefined): string {
  return (ADMIN_ROLES as readonly string[]).includes(role) ? adminGroupName(role as AdminRole, target) : role;
}
