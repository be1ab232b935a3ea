/**
 * After an interrupted run. With checkpoints skipped (the template's setting) a `pulumi up` killed
 * mid-way leaves the state as it was before the run, while UMAPI has applied what the run sent. The
 * same command then meets, as creates, objects that its own killed run created. It takes such an
 * object over only when the object is exactly what this run declares and holds nothing it does not
 * declare: the same identity type, names and country, and no group, profile or admin role outside
 * the run's declarations (for a user group: no member the run does not declare in it). Anything
 * else, an object a person or another stack manages among them, is still refused with the adopt
 * message. Every take-over is reported (stderr of the provider, shown by the CLI).
 */
import type { AdobeUserArgs } from "../resources/types";
import type { GroupRecord, OrgView, UserRecord } from "./orgView";
import type { Claims } from "./claims";

const lower = (s: string) => s.toLowerCase();
const same = (a?: string, b?: string) => (a ?? "") === (b ?? "");

/** Why an existing user is not what this run declares; undefined when it is. */
export function userDifference(news: AdobeUserArgs, existing: UserRecord, claims: Claims): string | undefined {
  if (existing.type && existing.type !== news.identityType) return `it is an ${existing.type}`;
  if (existing.status && existing.status !== "active") return `its status is ${existing.status}`;
  if (news.identityType !== "adobeID") {
    if (!same(existing.firstname, news.firstName)) return `its firstName is "${existing.firstname ?? ""}"`;
    if (!same(existing.lastname, news.lastName)) return `its lastName is "${existing.lastname ?? ""}"`;
  }
  if (news.country && existing.country && existing.country !== news.country) return `its country is ${existing.country}`;
  const declared = new Set([...(news.groups ?? []).map(lower), ...claims.groupsOf(news.email)]);
  const extra = existing.groups.filter((g) => !declared.has(lower(g)));
  if (extra.length > 0) return `it is in ${extra.map((g) => `"${g}"`).join(", ")}, which this stack does not declare for it`;
  return undefined;
}

/** Why an existing user group is not one this run's interrupted create left; undefined when it is. */
export async function groupDifference(name: string, existing: GroupRecord, view: OrgView, claims: Claims): Promise<string | undefined> {
  if (existing.isReadOnly || (existing.type && existing.type !== "USER_GROUP")) return "it is not a user group this org owns";
  const members = await view.membersOf(existing.groupName);
  const foreign = members.filter((m) => !claims.declaresMember(m.email, name));
  if (foreign.length > 0) return `it has ${foreign.length === 1 ? "a member" : `${foreign.length} members`} this stack does not declare in it (${foreign.slice(0, 3).map((m) => m.email).join(", ")}${foreign.length > 3 ? ", …" : ""})`;
  return undefined;
}

/** One line on the provider's stderr, which the CLI shows with the resource's output. */
export function reportTakeOver(kind: string, object: string): void {
  process.stderr.write(`umapi: ${kind} "${object}" already exists exactly as declared, holding nothing undeclared (an interrupted run's create): it is now managed by this stack\n`);
}
