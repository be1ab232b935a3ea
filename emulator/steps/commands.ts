/** One action command (reference §4.1): root fields, step order rules, then the steps in order. */
import { UMAPI_LIMITS } from "../../provider/umapi/limits";
import { CommandError } from "../errors";
import type { GroupCtx, StepEnv, UserCtx } from "./context";
import { createUser, CREATE_STEPS } from "./create-user";
import { addGroupMembers, removeGroupMembers } from "./group-membership";
import { createUserGroup, deleteUserGroup, updateUserGroup } from "./group-steps";
import { checkPlacement, parseSteps, runSteps, StepFailure, type StepHandler } from "./run";
import { updateUser } from "./update-user";
import { addToGroups, removeFromGroups, removeFromOrg } from "./user-membership";
import { isEmail, type Json } from "./validate";

const USER_HANDLERS: Record<string, StepHandler<UserCtx>> = {
  ...Object.fromEntries(
    Object.entries(CREATE_STEPS).map(([name, type]) => [name, (ctx: UserCtx, body: unknown) => createUser(ctx, type, body)]),
  ),
  update: updateUser,
  add: addToGroups,
  remove: removeFromGroups,
  removeFromOrg,
};

const GROUP_HANDLERS: Record<string, StepHandler<GroupCtx>> = {
  createUserGroup,
  updateUserGroup,
  deleteUserGroup,
  add: addGroupMembers,
  remove: removeGroupMembers,
};

/** Runs a user command; throws StepFailure when it fails. */
export function runUserCommand(env: StepEnv, cmd: Json): void {
  const user = rootString(cmd, "user");
  const useAdobeID = cmd.useAdobeID ?? false;
  if (typeof useAdobeID !== "boolean") throw commandFailure("error.command.boolean_expected", "useAdobeID must be true or false");
  const domain = commandDomain(cmd, user);
  const steps = parseSteps(cmd.do, Object.keys(USER_HANDLERS), env.config.stepsPerCommand);
  checkPlacement(steps, Object.keys(CREATE_STEPS), "first");
  checkPlacement(steps, ["removeFromOrg"], "last");
  const found = domain === undefined ? env.store.find.byEmail(user, useAdobeID) : env.store.find.byUsername(user, domain);
  const ctx: UserCtx = { ...env, key: user, domain, useAdobeID, user: found ?? null };
  runSteps(ctx, steps, USER_HANDLERS);
}

/** Runs a usergroup command; steps after deleteUserGroup are not performed (reference §4.1). */
export function runGroupCommand(env: StepEnv, cmd: Json): void {
  const name = rootString(cmd, "usergroup");
  const steps = parseSteps(cmd.do, Object.keys(GROUP_HANDLERS), env.config.stepsPerCommand);
  checkPlacement(steps, ["createUserGroup"], "first");
  const found = env.store.group(name);
  const group = found?.type === "USER_GROUP" ? found : null;
  const ctx: GroupCtx = { ...env, key: name, group, pendingCreate: false, deleted: false };
  runSteps(ctx, steps, GROUP_HANDLERS, (c) => c.deleted);
}

function commandFailure(code: string, message: string): StepFailure {
  return new StepFailure(0, new CommandError(code, message));
}

function rootString(cmd: Json, key: "user" | "usergroup"): string {
  const value = cmd[key];
  if (typeof value !== "string") throw commandFailure("error.command.string_expected", `${key} must be a JSON string`);
  if (value === "") throw commandFailure(key === "user" ? "error.command.user.missing" : "error.command.illegal_entry", `${key} must not be empty`);
  if (value.length > UMAPI_LIMITS.stringMaxLength) {
    throw commandFailure("error.command.string.too_long", `String too long in command for field: ${key}, max length ${UMAPI_LIMITS.stringMaxLength}`);
  }
  return value;
}

/**
 * `domain` is required for a non-email username and ignored next to an email (reference §4.1):
 * the result is undefined exactly when `user` is an email.
 */
function commandDomain(cmd: Json, user: string): string | undefined {
  const domain = cmd.domain;
  if (domain !== undefined && typeof domain !== "string") {
    throw commandFailure("error.command.domain.string_expected", "domain must be a JSON string");
  }
  if (isEmail(user)) return undefined;
  if (!domain) throw commandFailure("error.command.domain.missing", `domain is required for the non-email username ${user}`);
  return domain;
}
