/** What every step handler gets: the store, the limits, the test-mode flag and a warning sink. */
import { CommandError } from "../errors";
import type { GroupRec, OrgStore, UserRec } from "../store";

export interface ActionConfig {
  commandsPerRequest: number;
  stepsPerCommand: number;
  entriesPerList: number;
  userGroupMaxMembers: number;
}

export interface StepEnv {
  store: OrgStore;
  config: ActionConfig;
  /** `?testOnly=true`: validate, change nothing (reference §4.3). */
  testOnly: boolean;
  /** Index of the step being run. */
  step: number;
  /** Warnings of the command being run (they never fail it). */
  warnings: StepWarning[];
}

export interface StepWarning {
  step: number;
  code: string;
  message: string;
}

export function warn(ctx: StepEnv, code: string, message: string): void {
  ctx.warnings.push({ step: ctx.step, code, message });
}

export interface UserCtx extends StepEnv {
  /** The command's `user` value. */
  key: string;
  domain?: string;
  useAdobeID: boolean;
  /** The user the command acts on; null if it does not exist (yet). */
  user: UserRec | null;
}

export interface GroupCtx extends StepEnv {
  /** The command's `usergroup` value. */
  key: string;
  group: GroupRec | null;
  /** testOnly: a createUserGroup step would have created the group. */
  pendingCreate: boolean;
  deleted: boolean;
}

/** The command's user; in test mode a missing user counts as success (null), reference §4.3. */
export function requireUser(ctx: UserCtx): UserRec | null {
  if (ctx.user) return ctx.user;
  if (ctx.testOnly) return null;
  throw new CommandError("error.user.nonexistent", `User Id does not exist: ${ctx.key}`);
}

export function requireGroup(ctx: GroupCtx): GroupRec | null {
  if (ctx.group) return ctx.group;
  if (ctx.testOnly && ctx.pendingCreate) return null;
  throw new CommandError("error.usergroup.not_found", `User group ${ctx.key} was not found`);
}
