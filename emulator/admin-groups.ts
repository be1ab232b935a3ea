/**
 * Admin groups (reference §8.4): `_org_admin`, `_support_admin`, `_deployment_admin`,
 * `_admin_<user group or profile>`, `_product_admin_<product>`, `_developer_<profile>`.
 * They exist implicitly whenever what they are about exists, and are materialised (given a
 * groupId) when they get their first member; E5 lists them only while they have members.
 */
import type { GroupType } from "../provider/umapi/schema";
import { UNASSIGNABLE_ADMIN_GROUPS } from "../provider/umapi/limits";
import type { GroupRec, OrgStore } from "./store";

export interface AdminSpec {
  type: GroupType;
  /** Canonical name, e.g. `_admin_Shared Designers`. */
  name: string;
  target?: GroupRec;
  product?: string;
}

const FIXED: Record<string, GroupType> = {
  _org_admin: "SYSADMIN_GROUP",
  _support_admin: "SUPPORT_ADMIN_GROUP",
  _deployment_admin: "DEPLOYMENT_ADMIN_GROUP",
};

/** `_org_admin`, `_compartment_admin`, `_compartment_viewer`: never assignable through UMAPI. */
export function isUnassignable(name: string): boolean {
  return (UNASSIGNABLE_ADMIN_GROUPS as readonly string[]).includes(name.toLowerCase());
}

/** What an admin group name refers to in this org, or undefined if it is not a valid admin group. */
export function adminSpec(store: OrgStore, name: string): AdminSpec | undefined {
  const lower = name.toLowerCase();
  const fixed = FIXED[lower];
  if (fixed) return { type: fixed, name: lower };
  if (lower.startsWith("_product_admin_")) {
    const product = store.productName(name.slice("_product_admin_".length));
    return product === undefined ? undefined : { type: "PRODUCT_ADMIN_GROUP", name: `_product_admin_${product}`, product };
  }
  if (lower.startsWith("_admin_")) {
    const target = store.group(name.slice("_admin_".length));
    if (target?.type === "USER_GROUP") return { type: "USER_ADMIN_GROUP", name: `_admin_${target.name}`, target };
    if (target?.type === "PRODUCT_PROFILE") return { type: "PROFILE_ADMIN_GROUP", name: `_admin_${target.name}`, target };
    return undefined;
  }
  if (lower.startsWith("_developer_")) {
    const target = store.group(name.slice("_developer_".length));
    return target?.type === "PRODUCT_PROFILE" ? { type: "DEVELOPER_GROUP", name: `_developer_${target.name}`, target } : undefined;
  }
  return undefined;
}

export function isAdminType(type: GroupType): boolean {
  return type !== "USER_GROUP" && type !== "PRODUCT_PROFILE";
}

/** The admin group for `spec`, created on first use. */
export function materializeAdmin(store: OrgStore, spec: AdminSpec, id?: number): GroupRec {
  const existing = store.group(spec.name);
  if (existing) return existing;
  return store.addGroup(
    { name: spec.name, type: spec.type, target: spec.target, productName: spec.product },
    id,
  );
}

/** The `_admin_<name>` group of a user group or profile, if it has members (E5 `adminGroupName`). */
export function activeAdminGroupName(store: OrgStore, group: GroupRec): string | undefined {
  const admin = store.group(`_admin_${group.name}`);
  return admin && admin.target === group && admin.members.size > 0 ? admin.name : undefined;
}
