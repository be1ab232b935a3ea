/**
 * The org as a JSON snapshot (`GET /__emulator/state`, `state()`, the `statePath` file) and back.
 * Sorted deterministically so tests can compare it to expectations.
 */
import { z } from "zod";
import { isListed } from "./render";
import { applySeed, SeedError, type SeedIds } from "./seed";
import { OrgStore, type GroupRec, type UserRec } from "./store";
import type { OrgSeed, OrgStateJson, StateGroup, StateUser } from "./types";

const byKey = <T>(key: (t: T) => string) => (a: T, b: T) => {
  const ka = key(a);
  const kb = key(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
};

export function toStateJson(store: OrgStore): OrgStateJson {
  const users = [...store.allUsers()].map(stateUser).sort(byKey((u) => `${u.email.toLowerCase()}\u0000${u.type}`));
  const groups = [...store.allGroups()].filter(isListed).map(stateGroup).sort(byKey((g) => g.groupName.toLowerCase()));
  const domains = [...store.domains.values()].map((d) => ({ ...d })).sort(byKey((d) => d.name.toLowerCase()));
  return { orgId: store.orgId, domains, users, groups };
}

function stateUser(u: UserRec): StateUser {
  const groups = u.groups.map((g) => g.name).sort(byKey((n) => n.toLowerCase()));
  const { id, type, email, username, domain, firstname, lastname, country, status } = u;
  return {
    id, type, email, username, domain,
    ...(firstname !== undefined && { firstname }),
    ...(lastname !== undefined && { lastname }),
    ...(country !== undefined && { country }),
    status,
    groups,
  };
}

function stateGroup(g: GroupRec): StateGroup {
  const profiles = [...g.profiles].map((p) => p.name).sort(byKey((n) => n.toLowerCase()));
  return {
    groupId: g.id,
    groupName: g.name,
    type: g.type,
    ...(g.description !== undefined && { description: g.description }),
    ...(g.readOnly && { isReadOnly: true }),
    ...(g.productName !== undefined && { productName: g.productName }),
    ...(g.licenseQuota !== undefined && { licenseQuota: g.licenseQuota }),
    ...(g.type === "USER_GROUP" && { productProfiles: profiles }),
    memberCount: g.members.size,
  };
}

const opt = z.string().optional();
const StateSchema = z.object({
  orgId: z.string(),
  domains: z.array(z.object({ name: z.string(), directory: z.enum(["enterpriseID", "federatedID"]) })),
  users: z.array(
    z.object({
      id: z.string(),
      type: z.enum(["adobeID", "enterpriseID", "federatedID"]),
      email: z.string(),
      username: z.string(),
      domain: z.string(),
      firstname: opt,
      lastname: opt,
      country: opt,
      groups: z.array(z.string()),
    }),
  ),
  groups: z.array(
    z.object({
      groupId: z.number(),
      groupName: z.string(),
      type: z.string(),
      description: opt,
      isReadOnly: z.boolean().optional(),
      productName: opt,
      licenseQuota: opt,
      productProfiles: z.array(z.string()).optional(),
    }),
  ),
});
type ParsedState = z.infer<typeof StateSchema>;

/** Rebuilds a store from a snapshot, keeping user ids and groupIds. */
export function storeFromState(json: unknown, orgId: string): OrgStore {
  const parsed = StateSchema.safeParse(json);
  if (!parsed.success) throw new SeedError(`Invalid state file:\n${z.prettifyError(parsed.error)}`);
  const store = new OrgStore(orgId);
  applySeed(store, stateToSeed(parsed.data), stateIds(parsed.data));
  return store;
}

function stateToSeed(state: ParsedState): OrgSeed {
  const ofType = (type: string) => state.groups.filter((g) => g.type === type);
  return {
    domains: state.domains,
    productProfiles: ofType("PRODUCT_PROFILE").map((g) => ({ name: g.groupName, productName: g.productName ?? "", licenseQuota: g.licenseQuota })),
    userGroups: ofType("USER_GROUP").map((g) => ({
      name: g.groupName,
      description: g.description,
      readOnly: g.isReadOnly,
      productProfiles: g.productProfiles,
    })),
    users: state.users.map(({ type, email, username, domain, firstname, lastname, country, groups }) => ({
      type, email, username, domain, firstname, lastname, country, groups,
    })),
  };
}

function stateIds(state: ParsedState): SeedIds {
  const groups = new Map(state.groups.map((g) => [g.groupName.toLowerCase(), g.groupId]));
  const users = new Map(state.users.map((u) => [`${u.type}|${u.email.toLowerCase()}`, u.id]));
  return {
    group: (name) => groups.get(name.toLowerCase()),
    user: (u) => users.get(`${u.type}|${u.email.toLowerCase()}`),
  };
}
