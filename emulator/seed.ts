/**
 * Seed orgs: the format (validated with zod), the default org, a generator for large orgs, and
 * `applySeed`, which builds a store from a seed.
 */
import { z } from "zod";
import { adminSpec, materializeAdmin } from "./admin-groups";
import type { GroupRec, OrgStore } from "./store";
import type { OrgSeed, SeedUser } from "./types";

export const DEFAULT_ORG_ID = "0123456789ABCDEF01234567@AdobeOrg";

export class SeedError extends Error {}

const SeedUserSchema = z.strictObject({
  type: z.enum(["adobeID", "enterpriseID", "federatedID"]),
  email: z.string().min(3),
  username: z.string().min(1).optional(),
  domain: z.string().min(1).optional(),
  firstname: z.string().optional(),
  lastname: z.string().optional(),
  country: z.string().optional(),
  groups: z.array(z.string()).optional(),
});

export const OrgSeedSchema = z.strictObject({
  orgId: z.string().optional(),
  domains: z.array(z.strictObject({ name: z.string().min(1), directory: z.enum(["enterpriseID", "federatedID"]) })).optional(),
  productProfiles: z
    .array(z.strictObject({ name: z.string().min(1), productName: z.string().min(1), licenseQuota: z.string().optional() }))
    .optional(),
  userGroups: z
    .array(
      z.strictObject({
        name: z.string().min(1),
        description: z.string().optional(),
        readOnly: z.boolean().optional(),
        productProfiles: z.array(z.string()).optional(),
      }),
    )
    .optional(),
  users: z.array(SeedUserSchema).optional(),
});

/** Validates untrusted seed data (files, control plane). */
export function parseSeed(value: unknown): OrgSeed {
  const result = OrgSeedSchema.safeParse(value);
  if (!result.success) throw new SeedError(`Invalid seed:\n${z.prettifyError(result.error)}`);
  return result.data;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** The org an emulator starts with when given no seed (frozen; pass it to `reset` or copy it). */
export const defaultSeed: OrgSeed = deepFreeze({
  orgId: DEFAULT_ORG_ID,
  domains: [
    { name: "example.com", directory: "enterpriseID" },
    { name: "fed.example.com", directory: "federatedID" },
  ],
  productProfiles: [
    { name: "Default All Apps plan - 100 GB configuration", productName: "All Apps plan - 100 GB", licenseQuota: "100" },
    { name: "Photoshop Users", productName: "Photoshop (<Single App - Enterprise>)", licenseQuota: "50" },
    { name: "Acrobat Pro Users", productName: "Acrobat Pro", licenseQuota: "50" },
  ],
  userGroups: [
    { name: "Shared Designers", description: "Shared from the parent org", readOnly: true, productProfiles: ["Photoshop Users"] },
  ],
  users: [
    { type: "enterpriseID", email: "owner@example.com", firstname: "Olivia", lastname: "Owner", country: "US", groups: ["_org_admin"] },
  ],
} satisfies OrgSeed);

/**
 * The default org plus `groups` user groups ("Group 1".., each attached to one default profile) and
 * `users` Enterprise IDs `user<i>@example.com` (i = 1..users) with 1–3 memberships each. Deterministic.
 */
export function generateOrg(size: { users: number; groups: number }): OrgSeed {
  const profiles = defaultSeed.productProfiles!;
  const groupNames = Array.from({ length: size.groups }, (_, j) => `Group ${j + 1}`);
  const users: SeedUser[] = new Array<SeedUser>(size.users);
  for (let i = 1; i <= size.users; i++) {
    const count = Math.min(1 + (i % 3), groupNames.length);
    const groups = Array.from({ length: count }, (_, k) => groupNames[(i * 7 + k) % groupNames.length]!);
    users[i - 1] = { type: "enterpriseID", email: `user${i}@example.com`, firstname: "User", lastname: String(i), country: "US", groups };
  }
  return {
    ...defaultSeed,
    userGroups: [
      ...defaultSeed.userGroups!,
      ...groupNames.map((name, j) => ({ name, productProfiles: [profiles[j % profiles.length]!.name] })),
    ],
    users: [...defaultSeed.users!, ...users],
  };
}

/** `base` plus whatever `extra` adds (entries already in `base`, by name or email, are kept from `base`). */
export function mergeSeeds(base: OrgSeed, extra: OrgSeed): OrgSeed {
  const merge = <T>(a: T[] | undefined, b: T[] | undefined, key: (t: T) => string): T[] => {
    const seen = new Set((a ?? []).map(key));
    return [...(a ?? []), ...(b ?? []).filter((t) => !seen.has(key(t)))];
  };
  const byName = (t: { name: string }) => t.name.toLowerCase();
  return {
    orgId: base.orgId ?? extra.orgId,
    domains: merge(base.domains, extra.domains, byName),
    productProfiles: merge(base.productProfiles, extra.productProfiles, byName),
    userGroups: merge(base.userGroups, extra.userGroups, byName),
    users: merge(base.users, extra.users, (u) => `${u.type}|${u.email.toLowerCase()}`),
  };
}

/** Known ids (from a state file) to give the objects a seed creates. */
export interface SeedIds {
  group(name: string): number | undefined;
  user(u: SeedUser): string | undefined;
}

const NO_IDS: SeedIds = { group: () => undefined, user: () => undefined };

/** Fills an empty store from a seed. Throws SeedError on unknown or duplicate names. */
export function applySeed(store: OrgStore, seed: OrgSeed, ids: SeedIds = NO_IDS): void {
  for (const d of seed.domains ?? []) store.addDomain(d.name, d.directory);
  for (const p of seed.productProfiles ?? []) {
    checkNewGroup(store, p.name);
    store.addGroup({ name: p.name, type: "PRODUCT_PROFILE", productName: p.productName, licenseQuota: p.licenseQuota }, ids.group(p.name));
  }
  for (const g of seed.userGroups ?? []) {
    checkNewGroup(store, g.name);
    if (g.name.startsWith("_")) throw new SeedError(`User group names must not start with '_': ${g.name}`);
    const group = store.addGroup({ name: g.name, type: "USER_GROUP", description: g.description, readOnly: g.readOnly }, ids.group(g.name));
    for (const p of g.productProfiles ?? []) store.attachProfile(group, seedGroup(store, p, ids, "PRODUCT_PROFILE"));
  }
  for (const u of seed.users ?? []) addSeedUser(store, u, ids);
}

function checkNewGroup(store: OrgStore, name: string): void {
  if (store.group(name)) throw new SeedError(`Duplicate group name in seed: ${name}`);
}

function addSeedUser(store: OrgStore, u: SeedUser, ids: SeedIds): void {
  const emailDomain = u.email.slice(u.email.lastIndexOf("@") + 1);
  const username = u.type === "federatedID" ? (u.username ?? u.email) : u.email;
  const domain = u.domain ?? emailDomain;
  const clash = u.type === "adobeID" ? store.find.adobeUser(u.email) : (store.find.orgUser(u.email) ?? store.find.byUsername(username, domain));
  if (clash) throw new SeedError(`Duplicate user in seed: ${u.email}`);
  const user = store.addUser(
    { type: u.type, email: u.email, username, domain, firstname: u.firstname, lastname: u.lastname, country: u.country },
    ids.user(u),
  );
  for (const name of u.groups ?? []) store.addMember(seedGroup(store, name, ids), user);
}

function seedGroup(store: OrgStore, name: string, ids: SeedIds, type?: "PRODUCT_PROFILE"): GroupRec {
  const group = store.group(name);
  if (group && (!type || group.type === type)) return group;
  const spec = type ? undefined : adminSpec(store, name);
  if (!spec) throw new SeedError(`Unknown ${type === "PRODUCT_PROFILE" ? "product profile" : "group"} in seed: ${name}`);
  return materializeAdmin(store, spec, ids.group(spec.name));
}
