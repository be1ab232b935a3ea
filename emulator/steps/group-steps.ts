/**
 * createUserGroup / updateUserGroup / deleteUserGroup (reference §4.1 user-group steps, §8.7).
 * Renaming keeps the groupId and members; deleting removes memberships and the group's admin groups.
 */
import { CommandError } from "../errors";
import { requireGroup, type GroupCtx } from "./context";
import { checkKeys, expectObject, optionalString, parseOption, validateGroupName } from "./validate";

const DESCRIPTION_MAX = 5000;

export function createUserGroup(ctx: GroupCtx, body: unknown): void {
  const obj = expectObject(body ?? {}, "error.command.create.object_expected", "createUserGroup needs a JSON object");
  checkKeys(obj, ["name", "description", "option"], "error.command.create.key.unknown", "createUserGroup");
  const name = optionalString(obj, "name", Number.MAX_SAFE_INTEGER) ?? ctx.key;
  if (name.toLowerCase() !== ctx.key.toLowerCase()) {
    throw new CommandError("error.command.illegal_entry", `createUserGroup name ${name} does not match the command's usergroup ${ctx.key}`);
  }
  validateGroupName(name);
  const description = optionalString(obj, "description", DESCRIPTION_MAX);
  const option = parseOption(obj);
  const existing = ctx.store.group(name);
  if (existing) {
    if (!option || existing.type !== "USER_GROUP") throw new CommandError("error.usergroup.already_exists", `User group already exists: ${existing.name}`);
    ctx.group = existing;
    if (option === "updateIfAlreadyExists" && description !== undefined) {
      if (existing.readOnly) throw readOnlyUpdate(existing.name);
      if (!ctx.testOnly) ctx.store.setDescription(existing, description);
    }
    return;
  }
  if (ctx.testOnly) {
    ctx.pendingCreate = true;
    return;
  }
  ctx.group = ctx.store.addGroup({ name, type: "USER_GROUP", description });
}

export function updateUserGroup(ctx: GroupCtx, body: unknown): void {
  const obj = expectObject(body ?? {}, "error.command.create.object_expected", "updateUserGroup needs a JSON object");
  checkKeys(obj, ["name", "description"], "error.command.create.key.unknown", "updateUserGroup");
  const name = optionalString(obj, "name", Number.MAX_SAFE_INTEGER);
  if (name !== undefined) validateGroupName(name);
  const description = optionalString(obj, "description", DESCRIPTION_MAX);
  const group = requireGroup(ctx);
  if (!group) return;
  if (group.readOnly) throw readOnlyUpdate(group.name);
  const other = name === undefined ? undefined : ctx.store.group(name);
  if (other && other !== group) throw new CommandError("error.usergroup.already_exists", `User group already exists: ${other.name}`);
  if (ctx.testOnly) return;
  if (name !== undefined && name !== group.name) ctx.store.renameGroup(group, name);
  if (description !== undefined) ctx.store.setDescription(group, description);
}

export function deleteUserGroup(ctx: GroupCtx, body: unknown): void {
  expectObject(body ?? {}, "error.command.create.object_expected", "deleteUserGroup needs a JSON object");
  const group = requireGroup(ctx);
  ctx.deleted = true;
  if (!group) return;
  if (group.readOnly) {
    throw new CommandError("error.usergroup.readonly.remove_not_allowed", `User group owned by another organization. Remove not allowed: ${group.name}`);
  }
  if (ctx.testOnly) return;
  ctx.store.deleteGroup(group);
  ctx.group = null;
}

function readOnlyUpdate(name: string): CommandError {
  return new CommandError("error.usergroup.readonly.update_not_allowed", `Usergroup is owned by another org and readonly: ${name}`);
}
