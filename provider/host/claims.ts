/**
 * What this run declares, as the provider process learns it from `check`: each user, the groups
 * its declarations give it (inline groups, memberships, member lists, admin roles), and the users
 * declared in AdobeUsers sets. Two decisions read it:
 * - an object that already exists is taken over after an interrupted run only when it holds nothing
 *   this run does not declare (see recovery.ts);
 * - an AdobeUser resource dropped because its user moved into a set (the org.yaml layout of 0.3)
 *   is forgotten, not removed from the org.
 * Like the renames, it needs no credentials: check stays local.
 */
import { adminGroupName, type AdminRole, type ResourceKind } from "../resources/types";

const lower = (s: string) => s.toLowerCase();
type Props = Record<string, unknown>;
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

export class Claims {
  private readonly groupsByUser = new Map<string, Set<string>>();
  private readonly inSets = new Set<string>();

  /** `user` is declared, in these groups (user groups, product profiles or admin groups). */
  user(user: string, groups: readonly string[] = [], inSet = false): void {
    const own = this.groupsByUser.get(lower(user)) ?? new Set<string>();
    for (const g of groups) own.add(lower(g));
    this.groupsByUser.set(lower(user), own);
    if (inSet) this.inSets.add(lower(user));
  }

  membership(user: string, group: string): void {
    this.user(user, [group]);
  }

  /** Records what a checked resource declares (unknown preview values are skipped). */
  declare(kind: ResourceKind, p: Props): void {
    const text = (v: unknown) => (typeof v === "string" ? v : undefined);
    switch (kind) {
      case "AdobeUser":
        if (text(p.email)) this.user(text(p.email)!, strings(p.groups));
        return;
      case "AdobeUsers":
        for (const u of Object.values((p.users ?? {}) as Record<string, Props>)) if (text(u.email)) this.user(text(u.email)!, [...strings(u.groups), ...strings(u.declaredGroups)], true);
        return;
      case "UserGroup":
        if (text(p.name)) for (const u of strings(p.declaredMembers)) this.membership(u, text(p.name)!);
        return;
      case "GroupMembership":
        if (text(p.user) && text(p.group)) this.membership(text(p.user)!, text(p.group)!);
        return;
      case "GroupMembers":
        if (text(p.group)) for (const u of strings(p.users)) this.membership(u, text(p.group)!);
        return;
      case "AdminRoleAssignment":
        if (text(p.user) && text(p.role)) this.membership(text(p.user)!, adminGroupName(p.role as AdminRole, text(p.target)));
        return;
      default:
        return;
    }
  }

  /** True when this run declares the user inside an AdobeUsers set. */
  declaredInSet(user: string): boolean {
    return this.inSets.has(lower(user));
  }

  /** The groups this run declares for the user. */
  groupsOf(user: string): ReadonlySet<string> {
    return this.groupsByUser.get(lower(user)) ?? new Set();
  }

  /** Whether the declaration puts `user` in `group`. */
  declaresMember(user: string, group: string): boolean {
    return this.groupsOf(user).has(lower(group));
  }
}
