/**
 * User-group steps `add` / `remove` with `user` and `productConfiguration` lists (reference §4.1,
 * §8.5, §8.7): shared (read-only) groups accept profile changes but not member changes; `add` is
 * refused on groups above the member limit.
 */
import { CommandError } from "../errors";
import type { GroupRec, OrgStore, UserRec } from "../store";
import { requireGroup, type GroupCtx } from "./context";
import { readOnlyError } from "./user-membership";
import { checkKeys, expectObject, stringList } from "./validate";

type Op = "add" | "remove";

interface Lists {
  users: UserRec[];
  profiles: GroupRec[];
  /** Names of users that do not exist (allowed in test mode only). */
  missingUsers: string[];
}

export function addGroupMembers(ctx: GroupCtx, body: unknown): void {
  const lists = parseLists(ctx, body, "add");
  const group = requireGroup(ctx);
  if (!group) return;
  if (lists.users.length + lists.missingUsers.length > 0 && group.readOnly) throw readOnlyError("add", group);
  checkMemberLimit(ctx, group, lists);
  if (ctx.testOnly) return;
  for (const u of lists.users) ctx.store.addMember(group, u);
  for (const p of lists.profiles) ctx.store.attachProfile(group, p);
}

export function removeGroupMembers(ctx: GroupCtx, body: unknown): void {
  const lists = parseLists(ctx, body, "remove");
  const group = requireGroup(ctx);
  if (!group) return;
  if (lists.users.length + lists.missingUsers.length > 0 && group.readOnly) throw readOnlyError("remove", group);
  if (ctx.testOnly) return;
  for (const u of lists.users) ctx.store.removeMember(group, u);
  for (const p of lists.profiles) ctx.store.detachProfile(group, p);
}

/** "You cannot use the add command if the user-group has more than 200,000 users" (reference §4.1). */
function checkMemberLimit(ctx: GroupCtx, group: GroupRec, lists: Lists): void {
  const max = ctx.config.userGroupMaxMembers;
  const newMembers = lists.users.filter((u) => !group.members.has(u)).length + lists.missingUsers.length;
  if (group.members.size > max || group.members.size + newMembers > max) {
    throw new CommandError("error.usergroup.exceeds_maximum_member_count", `User group ${group.name} would exceed the maximum of ${max} members`);
  }
}

function parseLists(ctx: GroupCtx, body: unknown, op: Op): Lists {
  const obj = expectObject(body, "error.command.add_remove.list", `${op} needs a JSON object with user or productConfiguration lists`);
  checkKeys(obj, ["user", "productConfiguration"], "error.command.add_remove.key.unknown", op);
  const userNames = stringList(obj, "user", ctx.config.entriesPerList);
  const profileNames = stringList(obj, "productConfiguration", ctx.config.entriesPerList);
  if (!userNames && !profileNames) {
    throw new CommandError("error.usergroup.command.missing.arguments", `${op} needs a user or productConfiguration list`);
  }
  const profiles = (profileNames ?? []).map((name) => findProfile(ctx.store, name));
  const lists: Lists = { users: [], profiles, missingUsers: [] };
  for (const name of userNames ?? []) {
    const user = ctx.store.find.byEmail(name);
    if (user) lists.users.push(user);
    else if (ctx.testOnly) lists.missingUsers.push(name);
    else throw new CommandError("error.user.not_found", `User ${name} was not found`);
  }
  return lists;
}

function findProfile(store: OrgStore, name: string): GroupRec {
  const group = store.group(name);
  if (group?.type !== "PRODUCT_PROFILE") throw new CommandError("error.group.not_found", `Group ${name} was not found`);
  return group;
}
