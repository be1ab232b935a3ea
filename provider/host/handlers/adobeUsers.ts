/**
 * AdobeUsers: a set of users in one resource. Each user is created, updated, renamed, replaced and
 * removed by the AdobeUser handler's own code, all of the set's users at once, so the batcher packs
 * their commands as it would for separate resources. Outcomes are per user: a user that fails
 * leaves the others applied, the set records what was done (a partial outcome), and its error names
 * each failed user.
 */
import type { AdobeUserArgs, AdobeUsersArgs, AdobeUsersEntry, AdobeUsersState, AdobeUserState } from "../../resources/types";
import { PartialOutcomeError, ResourceError } from "../errors";
import { getRuntime } from "../runtime";
import { adobeUser, createUser, removeUser } from "./adobeUser";
import type { DiffOutcome, Handler } from "./handler";

const KIND = "AdobeUsers";

/** Some users of a set failed: each failure by user, the others applied (and recorded: a partial outcome). */
export class UserSetError extends PartialOutcomeError {
  constructor(
    id: string,
    properties: AdobeUsersState,
    readonly failures: { user: string; message: string }[],
    changes: number,
  ) {
    const list = failures.map((f) => `  - ${f.message}`).join("\n");
    const others = failures.length < changes ? "; the others were applied" : "";
    super(KIND, id, `${failures.length} of ${changes} user change(s) failed${others}:\n${list}`, id, properties);
  }
}
type Entry = AdobeUsersEntry & AdobeUserState;

/** One user's change within a set. */
export interface UserChange {
  key: string;
  op: "create" | "update" | "replace" | "remove";
  olds?: Entry;
  news?: AdobeUsersEntry;
  /** The key the user had in the set before (a rename), when it differs. */
  from?: string;
}

/** The AdobeUser a set entry declares (what the per-set options held is not an input of AdobeUser). */
function userOf(e: AdobeUsersEntry | Entry): AdobeUserState {
  const { renamedFrom, protect, ...user } = e;
  void renamedFrom, void protect;
  return user;
}

/** Each user's change from `olds` to `news`; each user's diff is the AdobeUser diff (renames recorded, replaces confirmed). */
export function userChanges(olds: Partial<AdobeUsersState>, news: AdobeUsersArgs): UserChange[] {
  const before = new Map(Object.entries(olds.users ?? {}));
  const taken = new Set<string>();
  const changes: UserChange[] = [];
  for (const [key, n] of Object.entries(news.users)) {
    const from = before.has(key) ? key : (n.renamedFrom ?? []).map((e) => e.toLowerCase()).find((k) => before.has(k) && !news.users[k] && !taken.has(k));
    if (from === undefined) {
      changes.push({ key, op: "create", news: n });
      continue;
    }
    taken.add(from);
    const o = before.get(from)!;
    // adopt only matters to a create; a set does not update a user for it.
    const diff = adobeUser.diff(key, userOf(o), { ...userOf(n), adopt: o.adopt });
    const moved = from === key ? {} : { from };
    if (diff.replaces && diff.replaces.length > 0) changes.push({ key, op: "replace", olds: o, news: n, ...moved });
    else if (diff.changes || o.createIncomplete) changes.push({ key, op: "update", olds: o, news: n, ...moved });
  }
  for (const [key, o] of before) if (!taken.has(key)) changes.push({ key, op: "remove", olds: o });
  return changes;
}

function assertRemovable(changes: UserChange[]): void {
  const kept = changes.filter((c) => c.op === "remove" && c.olds?.protect);
  if (kept.length === 0) return;
  throw new ResourceError(
    "AdobeUser",
    kept[0]!.olds!.email,
    `is protected (protect: true)${kept.length > 1 ? `, and so ${kept.length === 2 ? "is 1 other user" : `are ${kept.length - 1} other users`} this change removes` : ""}: a protected user is never removed. Remove protect from the user in a run of its own first, then remove the user`,
  );
}

/** Runs every user's change at once; the set's outputs are the olds with each success applied. */
async function apply(id: string, olds: Partial<AdobeUsersState>, changes: UserChange[]): Promise<AdobeUsersState> {
  const users: Record<string, Entry> = { ...(olds.users ?? {}) };
  const failures: { user: string; message: string }[] = [];
  const entry = (n: AdobeUsersEntry, outs: AdobeUserState): Entry => ({ ...outs, ...(n.renamedFrom ? { renamedFrom: n.renamedFrom } : {}), ...(n.protect ? { protect: true } : {}) });
  const rt = getRuntime();
  await Promise.all(
    changes.map(async (c) => {
      try {
        if (c.op === "remove" || c.op === "replace") {
          await rt.removals.admit("AdobeUser", c.olds!.email);
          await removeUser(userOf(c.olds!), c.op === "replace" ? "deleteAccount" : (c.olds!.onDelete ?? "removeFromOrg"));
          delete users[c.from ?? c.key];
        }
        if (c.op === "create" || c.op === "replace") users[c.key] = entry(c.news!, (await createUser(userOf(c.news!) as AdobeUserArgs, false)).outs);
        if (c.op === "update") {
          const { outs } = await adobeUser.update(c.key, userOf(c.olds!), userOf(c.news!) as AdobeUserArgs);
          if (c.from) delete users[c.from];
          users[c.key] = entry(c.news!, outs);
        }
      } catch (err) {
        // A create that may have been applied is recorded as such; the next run finishes it.
        if (err instanceof PartialOutcomeError && c.news) users[c.key] = entry(c.news, err.properties as unknown as AdobeUserState);
        failures.push({ user: c.key, message: err instanceof Error ? err.message : String(err) });
      }
    }),
  );
  const outs = { users: sortedByKey(users) };
  if (failures.length > 0) throw new UserSetError(id, outs, failures.sort((a, b) => (a.user < b.user ? -1 : 1)), changes.length);
  return outs;
}

function sortedByKey<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export const adobeUsers: Handler<AdobeUsersArgs, AdobeUsersState> = {
  diff(_id, olds, news): DiffOutcome {
    const changes = userChanges(olds, news);
    assertRemovable(changes);
    return { changes: changes.length > 0 };
  },

  async create(news) {
    const id = setName(news);
    return { id, outs: await apply(id, {}, userChanges({}, news)) };
  },

  async update(id, olds, news) {
    const changes = userChanges(olds, news);
    assertRemovable(changes);
    return { outs: await apply(id, olds, changes) };
  },

  async delete(id, olds) {
    // The whole set goes (destroy): the engine's protect option on the set guards it, lifted by `pulumi state unprotect`.
    await apply(id, olds, userChanges(olds, { users: {} }));
  },

  async read(id, olds) {
    const users: Record<string, Entry> = {};
    const inputs: Record<string, AdobeUsersEntry> = {};
    const rt = getRuntime();
    for (const [key, u] of Object.entries(olds.users ?? {})) {
      const result = await adobeUser.read(key, userOf(u));
      if (!result.id || !result.props) {
        // Gone from the org: the set forgets the user, within this refresh's budget of drops.
        await rt.refreshDrops.admit("AdobeUser", u.email);
        continue;
      }
      const extra = { ...(u.renamedFrom ? { renamedFrom: u.renamedFrom } : {}), ...(u.protect ? { protect: true } : {}) };
      users[key] = { ...result.props, ...extra };
      inputs[key] = { ...(result.inputs as AdobeUserArgs), ...extra };
    }
    return { id, props: { users }, inputs: { users: inputs } };
  },
};

/** A set's id: stable, and readable in messages. The resource's logical name is the program's. */
function setName(news: AdobeUsersArgs): string {
  const keys = Object.keys(news.users).sort();
  return keys.length === 0 ? "users:empty" : `users:${keys[0]}`;
}
