/**
 * Membership changes from every resource kind (AdobeUser's inline groups, GroupMembership edges,
 * GroupMembers lists) go to the client one by one, so that changes of many users to one user group
 * can share user-group commands, whichever resources they come from.
 */
import { CommandError, type CommandIssue } from "../umapi/errors";
import type { MembershipChange } from "../umapi/membership";
import type { Runtime } from "./runtime";

/** Whether a group takes members through user-group commands: a user group this org owns. */
export async function isUserGroup(rt: Runtime, group: string): Promise<boolean> {
  if (group.startsWith("_")) return false;
  const g = await rt.view.findGroup(group);
  return g?.type === "USER_GROUP" && !g.isReadOnly;
}

export interface MembershipResult {
  applied: MembershipChange[];
  failed: { change: MembershipChange; issues: CommandIssue[] }[];
}

/** Sends the changes together; each gets its own outcome. A lost request rejects (the caller decides). */
export async function applyMemberships(rt: Runtime, changes: MembershipChange[], accept: (issue: CommandIssue) => boolean = () => false): Promise<MembershipResult> {
  const outcomes = await Promise.all(changes.map((c) => rt.client.changeMembership(c)));
  const result: MembershipResult = { applied: [], failed: [] };
  outcomes.forEach((o, i) => {
    if (o.completed || o.issues.every(accept)) result.applied.push(changes[i]!);
    else result.failed.push({ change: changes[i]!, issues: o.issues });
  });
  return result;
}

/** The failures of a batch of changes, as one error that names every user and group and UMAPI's codes. */
export function membershipFailure(target: string, failed: MembershipResult["failed"]): CommandError {
  const issues = failed.flatMap(({ change, issues }) => issues.map((i) => ({ ...i, message: `${change.op} ${change.user} ${change.op === "add" ? "to" : "from"} ${change.group}: ${i.message}` })));
  return new CommandError(target, issues, { endpointClass: "action", stepName: failed[0]?.change.op });
}
