/**
 * Renames seen in this provider process. The engine diffs resources in the order the program
 * declares them, so a UserGroup's (or AdobeUser's) diff sees its rename before the diffs of the
 * edges that name it: a product profile attachment, a membership, an admin role (`_admin_<group>`),
 * a member list. Those edges then follow the rename as an update, not a replace: UMAPI keeps a
 * renamed group's id, members, profiles and admin group, and a renamed user's account.
 */
import { adminGroupName } from "../resources/types";

const lower = (s: string) => s.toLowerCase();

/** The admin group named after a user group (reference §8.4) follows the group's rename. */
const ADMIN_PREFIX = adminGroupName("userGroupAdmin", "");

export class Renames {
  private readonly groups = new Map<string, string>();
  private readonly users = new Map<string, string>();

  group(from: string, to: string): void {
    if (lower(from) !== lower(to)) this.groups.set(lower(from), lower(to));
  }

  user(from: string, to: string): void {
    if (lower(from) !== lower(to)) this.users.set(lower(from), lower(to));
  }

  /** The same group, or `from` renamed to `to` in this run (also for an admin group named after it). */
  sameGroup(from: string, to: string): boolean {
    if (lower(from) === lower(to)) return true;
    if (this.groups.get(lower(from)) === lower(to)) return true;
    const admin = lower(from).startsWith(ADMIN_PREFIX) && lower(to).startsWith(ADMIN_PREFIX);
    return admin && this.groups.get(lower(from).slice(ADMIN_PREFIX.length)) === lower(to).slice(ADMIN_PREFIX.length);
  }

  /** The same user, or `from` renamed to `to` in this run. */
  sameUser(from: string, to: string): boolean {
    return lower(from) === lower(to) || this.users.get(lower(from)) === lower(to);
  }
}
