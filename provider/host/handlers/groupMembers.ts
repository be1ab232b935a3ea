/**
 * GroupMembers: the authoritative member list of one user group. Members not listed are removed.
 * Do not combine it with GroupMembership edges on the same group: each would undo the other.
 */
import type { MembershipChange } from "../../umapi/membership";
import { applyMemberships, membershipFailure } from "../memberships";
import type { GroupMembersArgs } from "../../resources/types";
import { guard, ResourceError } from "../errors";
import { getRuntime, processRenames } from "../runtime";
import type { UserRecord } from "../orgView";
import { minus, sameSet, type Handler } from "./handler";

const KIND = "GroupMembers";

const memberName = (u: UserRecord) => u.email || u.username || "";

async function reconcile(group: string, desired: string[], current: string[]): Promise<void> {
  const rt = getRuntime();
  const toRemove = minus(current, desired);
  const toAdd = minus(desired, current);
  const changes: MembershipChange[] = [
    ...toRemove.map((user) => ({ user, group, op: "remove" as const, userGroup: true })),
    ...toAdd.map((user) => ({ user, group, op: "add" as const, userGroup: true })),
  ];
  if (changes.length === 0) return;
  // After a lost response the retried add finds members already there: converged is success.
  const { applied, failed } = await applyMemberships(rt, changes, (i) => i.code === "error.user.already_exists" || i.code === "error.usergroup.user_list.invalid");
  for (const c of applied) {
    if (c.op === "add") rt.view.addMemberships(c.user, undefined, [group]);
    else rt.view.removeMemberships(c.user, undefined, [group]);
  }
  if (failed.length > 0) throw membershipFailure(group, failed);
}

async function assertWritable(group: string): Promise<void> {
  const g = await getRuntime().view.findGroup(group);
  if (!g) throw new ResourceError(KIND, group, "user group not found: create it first (UserGroup) or fix the name", { errorCode: "error.usergroup.not_found" });
  if (g.isReadOnly) {
    throw new ResourceError(KIND, group, "is a read-only user group shared from another organization: UMAPI refuses member changes (error.usergroup.readonly.add_user_not_allowed)", { errorCode: "error.usergroup.readonly.add_user_not_allowed" });
  }
}

async function liveMembers(group: string): Promise<string[]> {
  return (await getRuntime().view.membersOf(group)).map(memberName);
}

export const groupMembers: Handler<GroupMembersArgs, GroupMembersArgs> = {
  diff(_id, olds, news) {
    // A renamed group keeps its members: following the rename is an update.
    const replace = !processRenames().sameGroup(olds.group, news.group);
    return { changes: replace || olds.group !== news.group || !sameSet(olds.users, news.users), replaces: replace ? ["group"] : [], deleteBeforeReplace: replace || undefined };
  },

  async create(news) {
    return guard(KIND, news.group, "create", async () => {
      await assertWritable(news.group);
      await reconcile(news.group, news.users, await liveMembers(news.group));
      return { id: news.group.toLowerCase(), outs: { group: news.group, users: news.users } };
    });
  },

  async update(_id, _olds, news) {
    return guard(KIND, news.group, "update", async () => {
      await assertWritable(news.group);
      await reconcile(news.group, news.users, await liveMembers(news.group));
      return { outs: { group: news.group, users: news.users } };
    });
  },

  async delete(_id, olds) {
    await guard(KIND, olds.group, "delete", async () => {
      const g = await getRuntime().view.findGroup(olds.group);
      if (!g) return;
      // Destroy removes the members this resource declared; anyone added elsewhere stays.
      const live = await liveMembers(olds.group);
      await reconcile(olds.group, minus(live, olds.users), live);
    });
  },

  async read(id, olds) {
    return guard(KIND, olds.group, "read", async () => {
      const g = await getRuntime().view.findGroup(olds.group);
      if (!g) return { id: "" };
      const live = await liveMembers(olds.group);
      // Keep the declared spelling of members that are still there, so only real drift shows.
      const users = [...olds.users.filter((u) => !minus([u], live).length), ...minus(live, olds.users)];
      const props = { group: g.groupName, users };
      return { id, props, inputs: props };
    });
  },
};
