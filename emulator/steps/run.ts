/** Parsing a command's `do` array and running its steps in order; the first failure stops the command. */
import { CommandError } from "../errors";
import type { StepEnv } from "./context";
import { isObject } from "./validate";

export interface ParsedStep {
  name: string;
  body: unknown;
}

/** A command failed at `step` (reference §4.5 `errors[].step`). */
export class StepFailure extends Error {
  constructor(readonly step: number, readonly error: CommandError) {
    super(error.message);
  }
}

export function failAt(step: number, code: string, message: string): StepFailure {
  return new StepFailure(step, new CommandError(code, message));
}

export function parseSteps(value: unknown, known: readonly string[], maxSteps: number): ParsedStep[] {
  if (!Array.isArray(value)) throw failAt(0, "error.command.steps.malformed", "The do value must be a JSON array of steps");
  if (value.length > maxSteps) {
    throw failAt(maxSteps, "error.command.add_remove.list_too_long", `Too many steps in one command: max is ${maxSteps}`);
  }
  return value.map((step: unknown, i) => {
    if (!isObject(step) || Object.keys(step).length !== 1) {
      throw failAt(i, "error.command.illegal_entry", "Each step must be a JSON object with exactly one key");
    }
    const name = Object.keys(step)[0]!;
    if (!known.includes(name)) throw failAt(i, "error.command.step.unknown", `Unknown step: ${name}`);
    return { name, body: step[name] };
  });
}

/** Checks that `name` occurs at most once and only at `position` ("first" or "last"). */
export function checkPlacement(steps: ParsedStep[], names: readonly string[], position: "first" | "last"): void {
  const at = steps.flatMap((s, i) => (names.includes(s.name) ? [i] : []));
  if (at.length === 0) return;
  const wanted = position === "first" ? 0 : steps.length - 1;
  if (position === "first" && at.length > 1) {
    throw failAt(at[1]!, "error.command.create.more_than_one", "Only one create step is allowed in a command");
  }
  const wrong = at.find((i) => i !== wanted);
  if (wrong === undefined) return;
  throw position === "first"
    ? failAt(wrong, "error.command.create.not_first", `${steps[wrong]!.name} must be the first step of a command`)
    : failAt(wrong, "error.command.removefromorg.not_last", "removeFromOrg must be the last step of a command");
}

export type StepHandler<C> = (ctx: C, body: unknown) => void;

/** Runs steps in order; returns after the first failing step (earlier steps stay applied). */
export function runSteps<C extends StepEnv>(
  ctx: C,
  steps: ParsedStep[],
  handlers: Record<string, StepHandler<C>>,
  stopAfter: (ctx: C) => boolean = () => false,
): void {
  for (const [i, step] of steps.entries()) {
    ctx.step = i;
    try {
      handlers[step.name]!(ctx, step.body);
    } catch (e) {
      if (e instanceof CommandError) throw new StepFailure(i, e);
      throw e;
    }
    if (stopAfter(ctx)) return;
  }
}
