/**
 * Splits one logical command into commands within UMAPI's limits (reference §4.4), as Adobe's
 * client does: add/remove lists of more than 10 entries become several steps, and more than 10
 * steps become several commands for the same target, which must run one after another.
 */
import { UMAPI_LIMITS } from "./limits";
import type { Command, UserGroupStep, UserStep } from "./schema";

type AnyStep = UserStep | UserGroupStep;

export interface CommandChunk {
  command: Command;
  /** For each step of this chunk, the index of the step in the caller's original command. */
  originalStep: number[];
}

export interface SplitLimits {
  stepsPerCommand: number;
  entriesPerList: number;
}

const DEFAULT_LIMITS: SplitLimits = {
  stepsPerCommand: UMAPI_LIMITS.stepsPerCommand,
  entriesPerList: UMAPI_LIMITS.entriesPerList,
};

export function splitCommand(command: Command, limits: SplitLimits = DEFAULT_LIMITS): CommandChunk[] {
  const steps: { step: AnyStep; original: number }[] = [];
  command.do.forEach((step, i) => {
    for (const s of splitStep(step, limits.entriesPerList)) steps.push({ step: s, original: i });
  });
  const chunks: CommandChunk[] = [];
  for (let i = 0; i < steps.length; i += limits.stepsPerCommand) {
    const part = steps.slice(i, i + limits.stepsPerCommand);
    chunks.push({
      command: { ...command, do: part.map((p) => p.step) } as Command,
      originalStep: part.map((p) => p.original),
    });
  }
  if (chunks.length === 0) chunks.push({ command, originalStep: [] });
  return chunks;
}

function splitStep(step: AnyStep, max: number): AnyStep[] {
  const [name, value] = Object.entries(step)[0] as [string, unknown];
  if ((name !== "add" && name !== "remove") || typeof value !== "object" || value === null) return [step];
  const lists = Object.entries(value as Record<string, string[]>);
  const out: AnyStep[] = [];
  for (const [key, list] of lists) {
    for (let i = 0; i < list.length; i += max) out.push({ [name]: { [key]: list.slice(i, i + max) } } as AnyStep);
  }
  return out.length > 0 ? out : [step];
}

/** The key that must not appear twice in one request: command order inside a request is not guaranteed. */
export function commandTarget(command: Command): string {
  if ("user" in command) return `user:${command.user.toLowerCase()}${command.domain ? "@" + command.domain.toLowerCase() : ""}`;
  return `usergroup:${command.usergroup.toLowerCase()}`;
}
