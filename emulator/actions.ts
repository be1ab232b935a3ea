/**
 * E1 `POST /action/{orgId}` (reference §4): request-level validation, then each command in order.
 * Per-command failures come back in a 200 body; request-level ones are 400 `error.command.malformed`.
 */
import type { ActionIssue } from "../provider/umapi/schema";
import { BadRequestError } from "./errors";
import type { OrgStore } from "./store";
import { runGroupCommand, runUserCommand } from "./steps/commands";
import type { ActionConfig, StepEnv } from "./steps/context";
import { failAt, StepFailure } from "./steps/run";
import { isObject } from "./steps/validate";

export interface ActionBody {
  completed: number;
  notCompleted: number;
  completedInTestMode: number;
  result: "success" | "partial" | "error";
  errors?: ActionIssue[];
  warnings?: ActionIssue[];
}

/** The parsed body, or `INVALID_JSON`. */
export const INVALID_JSON: unique symbol = Symbol("invalid JSON");

export function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return INVALID_JSON;
  }
}

/** Throws 400 unless the body is a non-empty JSON array of at most N commands. */
export function checkCommands(parsed: unknown, config: ActionConfig): unknown[] {
  if (parsed === INVALID_JSON) throw new BadRequestError("error.command.malformed", "The request body is not valid JSON");
  if (!Array.isArray(parsed) || parsed.length === 0) {
    throw new BadRequestError("error.command.malformed", "The request body must be a non-empty JSON array of commands");
  }
  if (parsed.length > config.commandsPerRequest) {
    throw new BadRequestError(
      "error.command.malformed",
      `Too many commands in one request: ${parsed.length} (max is ${config.commandsPerRequest})`,
    );
  }
  return parsed;
}

export function runActions(store: OrgStore, config: ActionConfig, commands: unknown[], testOnly: boolean): ActionBody {
  const errors: ActionIssue[] = [];
  const warnings: ActionIssue[] = [];
  let ok = 0;
  commands.forEach((cmd, index) => {
    const env: StepEnv = { store, config, testOnly, step: 0, warnings: [] };
    const failure = runCommand(env, cmd);
    const base = issueBase(cmd, index);
    for (const w of env.warnings) warnings.push(issue(base, w.step, w.message, { warningCode: w.code }));
    if (failure) errors.push(issue(base, failure.step, failure.error.message, { errorCode: failure.error.code }));
    else ok++;
  });
  const failed = commands.length - ok;
  const body: ActionBody = {
    completed: testOnly ? 0 : ok,
    notCompleted: failed,
    completedInTestMode: testOnly ? ok : 0,
    result: failed === 0 ? "success" : ok === 0 ? "error" : "partial",
  };
  if (errors.length > 0) body.errors = errors;
  if (warnings.length > 0) body.warnings = warnings;
  return body;
}

function runCommand(env: StepEnv, cmd: unknown): StepFailure | null {
  try {
    if (!isObject(cmd) || ("user" in cmd) === ("usergroup" in cmd)) {
      throw failAt(0, "error.command.user_usergroup.missing", "Each command needs exactly one of user or usergroup");
    }
    if ("user" in cmd) runUserCommand(env, cmd);
    else runGroupCommand(env, cmd);
    return null;
  } catch (e) {
    if (e instanceof StepFailure) return e;
    throw e;
  }
}

interface IssueBase {
  index: number;
  requestID?: string;
  user?: string;
}

function issueBase(cmd: unknown, index: number): IssueBase {
  const base: IssueBase = { index };
  if (!isObject(cmd)) return base;
  if (typeof cmd.requestID === "string") base.requestID = cmd.requestID;
  const root = cmd.user ?? cmd.usergroup;
  if (typeof root === "string") base.user = root;
  return base;
}

/** Issue key order as Adobe sends it: index, step, requestID, message, errorCode, user. */
function issue(base: IssueBase, step: number, message: string, code: { errorCode?: string; warningCode?: string }): ActionIssue {
  return {
    index: base.index,
    step,
    ...(base.requestID === undefined ? {} : { requestID: base.requestID }),
    message,
    ...code,
    ...(base.user === undefined ? {} : { user: base.user }),
  };
}
