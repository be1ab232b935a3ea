/**
 * One membership change (a user joins or leaves a group), queued on its own so the batcher can
 * send it on either side: as a step of the user's command (`add`/`remove` `group`), or packed with
 * other users' changes into a user-group command (`add`/`remove` `user`, 10 users a step, 10 steps
 * a command), which carries up to 100 changes in one command (reference §4.1, §4.4).
 */
import type { Command } from "./schema";
import { commandTarget } from "./split";

export interface MembershipChange {
  /** The user's email, or username with `domain` for Federated IDs without an email username. */
  user: string;
  domain?: string;
  /** Act on the Adobe ID even if an Enterprise/Federated ID has the same email. */
  useAdobeID?: boolean;
  group: string;
  op: "add" | "remove";
  /**
   * The group is a user group. Only user groups take members through user-group commands: product
   * profiles and admin groups take them through user commands alone.
   */
  userGroup: boolean;
}

/**
 * Whether a user-group command may carry the change: a user group, and a user named by email
 * alone (user-group commands have no `domain` and no `useAdobeID`).
 */
export function groupSideAllowed(c: MembershipChange): boolean {
  return c.userGroup && !c.domain && !c.useAdobeID;
}

export function userKey(user: string, domain?: string, useAdobeID?: boolean): string {
  return commandTarget({ user, domain, do: [] }) + (useAdobeID ? "|adobeID" : "");
}

export function groupKey(group: string): string {
  return commandTarget({ usergroup: group, do: [] });
}

/**
 * What a command or change touches. A key held exclusively may not appear anywhere else in the same
 * request or in any request in flight; a shared key may appear in several places that all hold it
 * shared. Membership changes hold their user exclusively and their group shared: changes of
 * distinct users to one group commute, so one group may take several membership commands at once,
 * but never while a command that creates, renames or deletes it is in flight.
 */
export interface Keys {
  exclusive: string[];
  shared: string[];
}

export function commandKeys(command: Command): Keys {
  const target = commandTarget(command) + ("useAdobeID" in command && command.useAdobeID ? "|adobeID" : "");
  if ("user" in command) return { exclusive: [target], shared: [] };
  const users = command.do.flatMap((step) => {
    const [, value] = Object.entries(step)[0] as [string, unknown];
    const list = typeof value === "object" && value !== null ? (value as { user?: string[] }).user : undefined;
    return (list ?? []).map((u) => userKey(u));
  });
  return { exclusive: [target, ...users], shared: [] };
}

export function changeKeys(c: MembershipChange): Keys {
  return { exclusive: [userKey(c.user, c.domain, c.useAdobeID)], shared: [groupKey(c.group)] };
}

/** Counted holds on keys: the requests in flight, the request being packed, the jobs left waiting. */
export class KeyLocks {
  private readonly exclusive = new Map<string, number>();
  private readonly shared = new Map<string, number>();

  free(keys: Keys): boolean {
    return keys.exclusive.every((k) => !this.exclusive.has(k) && !this.shared.has(k)) && keys.shared.every((k) => !this.exclusive.has(k));
  }

  take(keys: Keys): void {
    for (const k of keys.exclusive) this.exclusive.set(k, (this.exclusive.get(k) ?? 0) + 1);
    for (const k of keys.shared) this.shared.set(k, (this.shared.get(k) ?? 0) + 1);
  }

  release(keys: Keys): void {
    const drop = (m: Map<string, number>, k: string) => {
      const n = (m.get(k) ?? 0) - 1;
      if (n > 0) m.set(k, n);
      else m.delete(k);
    };
    for (const k of keys.exclusive) drop(this.exclusive, k);
    for (const k of keys.shared) drop(this.shared, k);
  }

  get size(): number {
    return this.exclusive.size + this.shared.size;
  }
}
