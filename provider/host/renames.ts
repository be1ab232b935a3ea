/**
 * Renames seen in this provider process. The engine diffs resources in the order the program
 * declares them, so a UserGroup's (or AdobeUser's) diff sees its rename before the diffs of the
 * edges that name it: a product profile attachment, a membership, an admin role (`_admin_<group>`),
 * a member list. Those edges then follow the rename as an update, not a replace: UMAPI keeps a
 * renamed group's id, members, profiles and admin group, and a renamed user's account.
 */
const lower = (s: string) => s.toLowerCase();

/** The admin group named after a user group (reference §8.4) follows the group's rename. */
const TARGETED_PREFIXES = ["_admin_"];

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
    const prefix = TARGETED_PREFIXES.find((p) => lower(from).startsWith(p) && lower(to).startsWith(p));
    return prefix !== undefined && this.groups.get(lower(from).slice(prefix.length)) === lower(to).slice(prefix.length);
  }

  /** The same user, or `from` renamed to `to` in this run. */
  sameUser(from: string, to: string): boolean {
    return lower(from) === lower(to) || this.users.get(lower(from)) === lower(to);
  }
}
