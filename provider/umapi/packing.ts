/**
 * Packs one action request from the queue (pure: no I/O, no clock). In queue order, within
 * UMAPI's limits and these rules:
 * - commands for the same user merge into one command while UMAPI's step rules allow it;
 * - a user group with at least two waiting membership changes gets them as user-group commands,
 *   100 a command; every other change travels as a step of its user's command;
 * - nothing whose keys (./membership) are held by a request in flight, or by a job waiting
 *   earlier in the queue, is taken: per user and per group, jobs go in the order they were queued.
 */
import { UMAPI_LIMITS } from "./limits";
import { stepName, type Command, type UserGroupStep, type UserStep } from "./schema";
import type { CommandOutcome } from "./batcher";
import { changeKeys, commandKeys, groupKey, groupSideAllowed, KeyLocks, userKey, type Keys, type MembershipChange } from "./membership";
import type { CommandChunk, SplitLimits } from "./split";

interface JobBase {
  testOnly: boolean;
  outcome: CommandOutcome;
  resolve(o: CommandOutcome): void;
  reject(e: unknown): void;
}

export interface CommandJob extends JobBase {
  kind: "command";
  chunks: CommandChunk[];
  next: number;
}

export interface MembershipJob extends JobBase {
  kind: "membership";
  change: MembershipChange;
  /** False once a user-group command carrying it failed at its step: it then goes alone, on the user's side. */
  groupSide: boolean;
}

export type Job = CommandJob | MembershipJob;

/** A command for one target (a user, or a user group's own steps): its jobs' steps, merged. */
export interface CommandSlot {
  kind: "command";
  jobs: Job[];
  command: Command;
}

/** A user-group command carrying membership changes: `stepJobs[i]` are the changes of step i. */
export interface GroupSlot {
  kind: "group";
  group: string;
  removes: MembershipJob[];
  adds: MembershipJob[];
  stepJobs: MembershipJob[][];
  command: Command;
}

export type Slot = CommandSlot | GroupSlot;

export interface PackedRequest {
  slots: Slot[];
  taken: Set<Job>;
  keys: Keys[];
  testOnly: boolean;
}

export interface PackLimits extends SplitLimits {
  commandsPerRequest: number;
}

export const DEFAULT_PACK_LIMITS: PackLimits = {
  commandsPerRequest: UMAPI_LIMITS.commandsPerRequest,
  stepsPerCommand: UMAPI_LIMITS.stepsPerCommand,
  entriesPerList: UMAPI_LIMITS.entriesPerList,
};

export function jobCommand(job: CommandJob): Command {
  return job.chunks[job.next]!.command;
}

export function jobKeys(job: Job): Keys {
  return job.kind === "command" ? commandKeys(jobCommand(job)) : changeKeys(job.change);
}

/** Changes a user-group command may carry, per group, among the jobs not held by a request in flight. */
export function groupSideCounts(queue: Job[], inFlight: KeyLocks, testOnly: boolean): Map<string, number> {
  const counts = new Map<string, number>();
  for (const job of queue) {
    if (job.kind !== "membership" || job.testOnly !== testOnly || !job.groupSide || !groupSideAllowed(job.change)) continue;
    if (!inFlight.free(changeKeys(job.change))) continue;
    const g = groupKey(job.change.group);
    counts.set(g, (counts.get(g) ?? 0) + 1);
  }
  return counts;
}

/**
 * How many full commands the queue holds (a user-group command counts by its share of 100
 * changes): 10 make a full request. `packed` says whether some of them would travel in user-group
 * commands.
 */
export function queuedCommands(queue: Job[], limits: PackLimits = DEFAULT_PACK_LIMITS): { commands: number; packed: boolean } {
  if (!queue.some((j) => j.kind === "membership")) return { commands: queue.length, packed: false };
  const counts = groupSideCounts(queue, new KeyLocks(), queue[0]?.testOnly ?? false);
  const perCommand = limits.stepsPerCommand * limits.entriesPerList;
  let commands = 0;
  let packed = false;
  for (const job of queue) {
    if (job.kind === "membership" && job.groupSide && groupSideAllowed(job.change) && (counts.get(groupKey(job.change.group)) ?? 0) >= 2) {
      commands += 1 / perCommand;
      packed = true;
    } else commands += 1;
  }
  return { commands, packed };
}

export function pack(queue: Job[], inFlight: KeyLocks, limits: PackLimits = DEFAULT_PACK_LIMITS): PackedRequest {
  const testOnly = queue[0]?.testOnly ?? false;
  const counts = groupSideCounts(queue, inFlight, testOnly);
  const slots: Slot[] = [];
  const commandSlots = new Map<string, CommandSlot>();
  const openGroupSlot = new Map<string, GroupSlot>();
  const inRequest = new KeyLocks();
  const waiting = new KeyLocks();
  const taken = new Set<Job>();
  const keys: Keys[] = [];
  const room = () => slots.length < limits.commandsPerRequest;

  for (const job of queue) {
    if (job.testOnly !== testOnly) continue;
    const k = jobKeys(job);
    const placed = inFlight.free(k) && waiting.free(k) && place(job, k);
    if (placed) {
      taken.add(job);
      keys.push(k);
    } else waiting.take(k);
  }
  for (const slot of slots) if (slot.kind === "group") finishGroupSlot(slot, limits);
  return { slots, taken, keys, testOnly };

  function place(job: Job, k: Keys): boolean {
    if (job.kind === "membership" && job.groupSide && groupSideAllowed(job.change) && (counts.get(groupKey(job.change.group)) ?? 0) >= 2) return placeGroupSide(job, k);
    return placeUserSide(job, k);
  }

  function placeGroupSide(job: MembershipJob, k: Keys): boolean {
    if (!inRequest.free(k)) return false;
    const g = groupKey(job.change.group);
    let slot = openGroupSlot.get(g);
    if (!slot || !fits(slot, job.change.op, limits)) {
      if (!room()) return false;
      slot = { kind: "group", group: job.change.group, removes: [], adds: [], stepJobs: [], command: { usergroup: job.change.group, do: [] } };
      slots.push(slot);
      openGroupSlot.set(g, slot);
    }
    (job.change.op === "add" ? slot.adds : slot.removes).push(job);
    inRequest.take(k);
    return true;
  }

  function placeUserSide(job: Job, k: Keys): boolean {
    const command = job.kind === "command" ? jobCommand(job) : membershipCommand(job.change);
    const target = job.kind === "command" ? k.exclusive[0]! : userKey(job.change.user, job.change.domain, job.change.useAdobeID);
    const slot = commandSlots.get(target);
    if (slot) {
      // The user's own command: only the rest of the keys must be free in this request.
      const rest = { exclusive: k.exclusive.slice(1), shared: k.shared };
      if (!(limits.commandsPerRequest > 1 && inRequest.free(rest) && canMerge(slot.command, command, limits))) return false;
      slot.jobs.push(job);
      slot.command = { ...slot.command, do: [...slot.command.do, ...command.do] } as Command;
      inRequest.take(rest);
      return true;
    }
    if (!room() || !inRequest.free(k)) return false;
    const created: CommandSlot = { kind: "command", jobs: [job], command };
    commandSlots.set(target, created);
    slots.push(created);
    inRequest.take(k);
    return true;
  }
}

export function membershipCommand(c: MembershipChange): Command {
  const step: UserStep = c.op === "add" ? { add: { group: [c.group] } } : { remove: { group: [c.group] } };
  return { user: c.user, ...(c.domain && !c.user.includes("@") ? { domain: c.domain } : {}), ...(c.useAdobeID ? { useAdobeID: true } : {}), do: [step] };
}

const stepsFor = (n: number, perList: number) => Math.ceil(n / perList);

function fits(slot: GroupSlot, op: "add" | "remove", limits: PackLimits): boolean {
  const adds = slot.adds.length + (op === "add" ? 1 : 0);
  const removes = slot.removes.length + (op === "remove" ? 1 : 0);
  return stepsFor(adds, limits.entriesPerList) + stepsFor(removes, limits.entriesPerList) <= limits.stepsPerCommand;
}

function finishGroupSlot(slot: GroupSlot, limits: PackLimits): void {
  const steps: UserGroupStep[] = [];
  for (const [op, jobs] of [["remove", slot.removes], ["add", slot.adds]] as const) {
    for (let i = 0; i < jobs.length; i += limits.entriesPerList) {
      const part = jobs.slice(i, i + limits.entriesPerList);
      steps.push({ [op]: { user: part.map((j) => j.change.user) } } as UserGroupStep);
      slot.stepJobs.push(part);
    }
  }
  slot.command = { usergroup: slot.group, do: steps };
}

const FIRST_ONLY = new Set(["addAdobeID", "createEnterpriseID", "createFederatedID", "createUserGroup"]);
const LAST_ONLY = new Set(["removeFromOrg", "deleteUserGroup"]);

/** One command stays within UMAPI's rules: the steps limit, a create step only first, removeFromOrg or deleteUserGroup only last. */
function canMerge(current: Command, next: Command, limits: PackLimits): boolean {
  const steps = current.do.map(stepName);
  const nextSteps = next.do.map(stepName);
  return steps.length + nextSteps.length <= limits.stepsPerCommand && !nextSteps.some((n) => FIRST_ONLY.has(n)) && !steps.some((n) => LAST_ONLY.has(n));
}
