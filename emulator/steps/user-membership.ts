/**
 * User steps `add`, `remove` and `removeFromOrg` (reference §4.1, §8.4, §8.7, §8.8). Group names are
 * all checked before anything changes; `_org_admin` and the global-admin roles are never assignable.
 */
import type { GroupType } from "../../provider/umapi/schema";
import { adminSpec, isUnassignable, materializeAdmin, type AdminSpec } from "../admin-groups";
import { CommandError } from "../errors";
import type { GroupRec, OrgStore } from "../store";
import { requireUser, warn, type UserCtx } from "./context";
import { checkKeys, expectObject, stringList } from "./validate";

type Op = "add" | "remove";
type GroupRef = GroupRec | AdminSpec;

/** List keys of user add/remove: `group` takes any group; the legacy keys restrict the type. */
const LIST_KEYS: Record<string, GroupType | null> = {
  group: null,
  productConfiguration: "PRODUCT_PROFILE",
  product: "PRODUCT_PROFILE",
  usergroup: "USER_GROUP",
};

export function addToGroups(ctx: UserCtx, body: unknown): void {
  const refs = parseLists(ctx, body, "add");
  const user = requireUser(ctx);
  if (!user || ctx.testOnly) return;
  for (const ref of refs) {
    ctx.store.addMember("id" in ref ? ref : materializeAdmin(ctx.store, ref), user);
  }
}

export function removeFromGroups(ctx: UserCtx, body: unknown): void {
  if (body === "all") return removeFromAll(ctx);
  const refs = parseLists(ctx, body, "remove");
  const user = requireUser(ctx);
  if (!user || ctx.testOnly) return;
  for (const ref of refs) {
    const group = "id" in ref ? ref : ctx.store.group(ref.name);
    if (group) ctx.store.removeMember(group, user);
  }
}

/** `remove: "all"`: every membership except `_org_admin` (reference §8.8). */
function removeFromAll(ctx: UserCtx): void {
  const user = requireUser(ctx);
  if (!user) return;
  const groups = user.groups.filter((g) => !isUnassignable(g.name));
  const readOnly = groups.find((g) => g.readOnly);
  if (readOnly) throw readOnlyError("remove", readOnly);
  if (ctx.testOnly) return;
  for (const g of groups) ctx.store.removeMember(g, user);
}

export function removeFromOrg(ctx: UserCtx, body: unknown): void {
  const obj = expectObject(body ?? {}, "error.command.create.object_expected", "removeFromOrg needs a JSON object");
  checkKeys(obj, ["deleteAccount"], "error.command.object_not_empty", "removeFromOrg");
  if (obj.deleteAccount !== undefined && typeof obj.deleteAccount !== "boolean") {
    throw new CommandError("error.command.boolean_expected", "deleteAccount must be true or false");
  }
  // Succeeds even if the user does not exist (reference §4.5). deleteAccount makes no difference
  // here: an Adobe ID is only removed from the org, other accounts are deleted with it.
  if (!ctx.user || ctx.testOnly) return;
  ctx.store.removeUser(ctx.user);
  ctx.user = null;
}

function parseLists(ctx: UserCtx, body: unknown, op: Op): GroupRef[] {
  if (body === "all") throw new CommandError("error.command.add_remove.list", `${op}: "all" is not supported`);
  const obj = expectObject(body, "error.command.add_remove.list", `${op} needs a JSON object with a group list`);
  checkKeys(obj, Object.keys(LIST_KEYS), "error.command.add_remove.key.unknown", op);
  if (Object.keys(obj).length === 0) throw new CommandError("error.command.add_remove.missing_list", `${op} needs a group list`);
  if ("product" in obj) warn(ctx, "warning.command.deprecated", "'product' command is deprecated. Please use productConfiguration.");
  const refs: GroupRef[] = [];
  for (const [key, type] of Object.entries(LIST_KEYS)) {
    for (const name of stringList(obj, key, ctx.config.entriesPerList) ?? []) {
      refs.push(resolveGroup(ctx.store, name, type, op));
    }
  }
  return refs;
}

function resolveGroup(store: OrgStore, name: string, type: GroupType | null, op: Op): GroupRef {
  if (isUnassignable(name)) {
    throw new CommandError("error.command.illegal_entry", `Admin role ${name} cannot be assigned or removed through the User Management API`);
  }
  const group = store.group(name);
  if (group && (type === null || group.type === type)) {
    if (group.readOnly && group.type === "USER_GROUP") throw readOnlyError(op, group);
    return group;
  }
  const spec = type === null ? adminSpec(store, name) : undefined;
  if (spec) return spec;
  throw new CommandError("error.group.not_found", `Group ${name} was not found`);
}

/** Shared (read-only) user groups refuse membership changes (reference §5 readonly messages). */
export function readOnlyError(op: Op, group: GroupRec): CommandError {
  return op === "add"
    ? new CommandError("error.usergroup.readonly.add_user_not_allowed", `User cannot be added to group as owned by another org and readonly: ${group.name}`)
    : new CommandError("error.usergroup.readonly.remove_user_not_allowed", `User cannot be removed from group as owned by another org and readonly: ${group.name}`);
}
