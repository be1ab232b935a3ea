/**
 * How org.yaml's users are spread over AdobeUsers sets (`users:00` … `users:63`). The engine's
 * cost is per resource (the Node.js SDK alone spends about 11 ms of CPU and 400 kB of memory on
 * each), so an org of 10,000 users costs it 64 resources, not 10,000. A user stays in the set it
 * was first put in, read from the last update's plan basis (`umapiPlan`): renames, reorderings and
 * growth never move a user between sets, which would look like a removal and a create. A new user
 * goes to the set its email hashes to; a renamed one to the set of an earlier email.
 */
import type { PlanBasis } from "../resources/plan";

/** Sets per stack: at most 64 changes for the engine whatever the org's size; about 150 users each at 10,000. */
export const USER_SETS = 64;

const lower = (s: string) => s.toLowerCase();

export function userSetName(index: number): string {
  return `users:${String(index).padStart(2, "0")}`;
}

/** FNV-1a of the lower-case email: the same set on every machine and Node version. */
export function userSetOf(email: string): string {
  let h = 0x811c9dc5;
  for (const ch of lower(email)) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return userSetName(h % USER_SETS);
}

/** Each user's set at the last update, from its plan basis (none before the first update, or before 0.3). */
export function previousUserSets(basis: unknown): Map<string, string> {
  const out = new Map<string, string>();
  const resources = (basis as Partial<PlanBasis> | undefined)?.resources;
  if (!resources || typeof resources !== "object") return out;
  for (const [name, entry] of Object.entries(resources)) {
    if (!Array.isArray(entry) || entry[0] !== "AdobeUsers") continue;
    const users = (entry[1] as { users?: Record<string, unknown> })?.users ?? {};
    for (const key of Object.keys(users)) out.set(key, name);
  }
  return out;
}

/** The set of each user: where it was, else where an earlier email of it was, else its hash. */
export function assignUserSets<U extends { email: string }>(users: readonly U[], previous: Map<string, string>, earlier: (u: U) => string[]): Map<string, U[]> {
  const sets = new Map<string, U[]>();
  for (const u of users) {
    const name = previous.get(lower(u.email)) ?? earlier(u).map((e) => previous.get(lower(e))).find((s) => s !== undefined) ?? userSetOf(u.email);
    const list = sets.get(name) ?? [];
    list.push(u);
    sets.set(name, list);
  }
  return new Map([...sets].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** How the stack declared its users at its last update: in sets, one resource each (before 0.3), or not yet. */
export function previousLayout(outputs: Record<string, unknown>): "sets" | "perUser" | undefined {
  const resources = (outputs.umapiPlan as Partial<PlanBasis> | undefined)?.resources;
  const kinds = new Set(Object.values(resources ?? {}).map((entry) => (Array.isArray(entry) ? entry[0] : undefined)));
  if (kinds.has("AdobeUsers")) return "sets";
  if (kinds.has("AdobeUser")) return "perUser";
  return !resources && Array.isArray(outputs.managedUsers) && outputs.managedUsers.length > 0 ? "perUser" : undefined;
}
