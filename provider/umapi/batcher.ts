/**
 * Packs queued commands from concurrent callers into action requests within UMAPI's limits (at
 * most 10 commands; commands for the same user merged into one; never the same user or group twice
 * in one request) and maps each returned
 * error (`index`, `step`) back to the caller that queued the command. A `partial` result fails
 * only the callers concerned.
 */
import { UMAPI_LIMITS } from "./limits";
import { stepName, type ActionIssue, type ActionResponse, type Command } from "./schema";
import type { CommandIssue } from "./errors";
import { commandTarget, splitCommand, type CommandChunk, type SplitLimits } from "./split";

export interface CommandOutcome {
  completed: boolean;
  issues: CommandIssue[];
  warnings: CommandIssue[];
  /** X-Request-Id of every action request that carried (part of) this command. */
  requestIds: string[];
}

export type PostActions = (commands: Command[], testOnly: boolean) => Promise<{ response: ActionResponse; requestId: string }>;

export interface BatcherOptions {
  commandsPerRequest?: number;
  limits?: SplitLimits;
  /**
   * A request that is not full waits until the queue has been quiet for at least this long, so
   * commands that callers queue one after another (the engine starts resources a few at a time)
   * share a request. The quiet period stretches to twice the longest recent gap between commands
   * while they keep coming (a slow engine, e.g. one writing a checkpoint after every step), capped
   * by `maxLingerMs`. Default 50 ms.
   */
  lingerMs?: number;
  /** Longest a queued command waits for its request to fill. Default 5,000 ms. */
  maxLingerMs?: number;
  now?: () => number;
  /** Milliseconds until the action endpoint has a free rate-limit slot; the batcher packs late to fill requests. */
  delayUntilSlot?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

interface Job {
  chunks: CommandChunk[];
  next: number;
  testOnly: boolean;
  outcome: CommandOutcome;
  resolve(o: CommandOutcome): void;
  reject(e: unknown): void;
}

export class ActionBatcher {
  private readonly queue: Job[] = [];
  private running = false;
  private readonly perRequest: number;
  private readonly lingerMs: number;
  private readonly maxLingerMs: number;
  private readonly now: () => number;
  private lastSubmitAt?: number;
  /** When the last request completed: callers waiting on it submit again right after. */
  private lastCompletedAt?: number;
  /** Gaps between submissions while commands are flowing (the stream's pace), with when they ended. */
  private gaps: { at: number; gap: number }[] = [];
  private firstQueuedAt = 0;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly post: PostActions,
    private readonly opts: BatcherOptions = {},
  ) {
    this.perRequest = opts.commandsPerRequest ?? UMAPI_LIMITS.commandsPerRequest;
    this.lingerMs = opts.lingerMs ?? 50;
    this.maxLingerMs = opts.maxLingerMs ?? 5000;
    this.now = opts.now ?? Date.now;
    this.sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  submit(command: Command, options: { testOnly?: boolean } = {}): Promise<CommandOutcome> {
    return new Promise((resolve, reject) => {
      const chunks = splitCommand(command, this.opts.limits);
      const outcome: CommandOutcome = { completed: true, issues: [], warnings: [], requestIds: [] };
      const now = this.now();
      this.noteSubmit(now);
      if (this.queue.length === 0) this.firstQueuedAt = now;
      this.queue.push({ chunks, next: 0, testOnly: options.testOnly ?? false, outcome, resolve, reject });
      this.kick();
    });
  }

  private noteSubmit(now: number): void {
    // Counted from the last completion too: callers that were waiting for a request are not a slow
    // stream, and counting their wait would feed the wait back into itself.
    const since = Math.max(this.lastSubmitAt ?? -Infinity, this.lastCompletedAt ?? -Infinity);
    const gap = Number.isFinite(since) ? now - since : undefined;
    // A gap longer than the longest linger is an idle spell, not the pace of a stream.
    if (gap !== undefined && gap < this.maxLingerMs) {
      this.gaps.push({ at: now, gap });
      if (this.gaps.length > 256) this.gaps = this.gaps.slice(-128);
    }
    this.lastSubmitAt = now;
  }

  /**
   * How long the queue must stay quiet before a request that is not full goes: twice the longest
   * gap of the last 10 seconds. The engine delivers resources in bursts with pauses between them
   * (checkpoint writes, the program declaring the next slice); a pause seen before is waited out,
   * so a burst's last few commands share a request with the next burst instead of going alone.
   */
  private get quietMs(): number {
    const since = this.now() - PACE_WINDOW_MS;
    const recent = this.gaps.filter((g) => g.at >= since);
    // No pace yet (the first command of a run): wait a little longer than the floor, because a
    // request sent half-empty at the start can cost a whole rate-limit window at the end.
    if (recent.length === 0) return Math.min(this.maxLingerMs, 5 * this.lingerMs);
    return Math.min(this.maxLingerMs, Math.max(this.lingerMs, 2 * Math.max(...recent.map((g) => g.gap))));
  }

  /** Commands waiting to be sent (not counting the request in flight). */
  get pending(): number {
    return this.queue.length;
  }

  private kick(): void {
    if (this.running) return;
    this.running = true;
    void this.loop().finally(() => {
      this.running = false;
      if (this.queue.length > 0) this.kick();
    });
  }

  /** Sends when a request is full, or when the queue has gone quiet, and a rate-limit slot is free. */
  private async loop(): Promise<void> {
    while (this.queue.length > 0) {
      await this.fill();
      const slotDelay = this.opts.delayUntilSlot?.() ?? 0;
      if (slotDelay > 0) await this.sleep(slotDelay);
      await this.send(this.pack());
      this.firstQueuedAt = this.now();
    }
  }

  private async fill(): Promise<void> {
    for (;;) {
      if (this.queue.length >= this.perRequest || this.lingerMs <= 0) return;
      const now = this.now();
      // Commands left over from the last request get a quiet period of their own to fill up in.
      const quietFrom = Math.max(this.lastSubmitAt ?? now, this.lastCompletedAt ?? -Infinity);
      const quietLeft = quietFrom + this.quietMs - now;
      const lingerLeft = this.firstQueuedAt + this.maxLingerMs - now;
      if (quietLeft <= 0 || lingerLeft <= 0) return;
      await this.sleep(Math.min(quietLeft, lingerLeft));
    }
  }

  /**
   * FIFO. A command for a target already in the batch is merged into that target's command when
   * the result stays within UMAPI's rules (steps limit; a create step only first; removeFromOrg or
   * deleteUserGroup only last); otherwise it waits for a later request, because the order of
   * commands inside one request is not guaranteed.
   */
  private pack(): Slot[] {
    const slots: Slot[] = [];
    const byTarget = new Map<string, Slot>();
    const testOnly = this.queue[0]!.testOnly;
    for (let i = 0; i < this.queue.length; ) {
      const job = this.queue[i]!;
      const command = job.chunks[job.next]!.command;
      const target = commandTarget(command) + (("useAdobeID" in command && command.useAdobeID) ? "|adobeID" : "");
      const slot = byTarget.get(target);
      // One command a request is the per-resource (naive) mode: nothing is merged either.
      const take = job.testOnly === testOnly && (slot ? this.perRequest > 1 && this.canMerge(slot, command) : slots.length < this.perRequest);
      if (!take) {
        i++;
        continue;
      }
      this.queue.splice(i, 1);
      if (slot) {
        slot.jobs.push(job);
        slot.command = { ...slot.command, do: [...slot.command.do, ...command.do] } as Command;
      } else {
        const created: Slot = { jobs: [job], command };
        byTarget.set(target, created);
        slots.push(created);
      }
    }
    return slots;
  }

  private canMerge(slot: Slot, next: Command): boolean {
    const steps = slot.command.do.map(stepName);
    const nextSteps = next.do.map(stepName);
    const maxSteps = this.opts.limits?.stepsPerCommand ?? UMAPI_LIMITS.stepsPerCommand;
    return steps.length + nextSteps.length <= maxSteps && !nextSteps.some((n) => FIRST_ONLY.has(n)) && !steps.some((n) => LAST_ONLY.has(n));
  }

  private async send(slots: Slot[]): Promise<void> {
    let result: Awaited<ReturnType<PostActions>>;
    try {
      result = await this.post(slots.map((s) => s.command), slots[0]!.jobs[0]!.testOnly);
    } catch (err) {
      for (const job of slots.flatMap((s) => s.jobs)) job.reject(err);
      return;
    } finally {
      this.lastCompletedAt = this.now();
    }
    const requeue: Job[] = [];
    slots.forEach((slot, index) => requeue.push(...this.settleSlot(slot, index, result)));
    this.queue.unshift(...requeue);
  }

  /** Splits a merged command's outcome back over its jobs; returns the jobs to send again. */
  private settleSlot(slot: Slot, index: number, result: Awaited<ReturnType<PostActions>>): Job[] {
    const errors = (result.response.errors ?? []).filter((e) => e.index === index);
    const warnings = (result.response.warnings ?? []).filter((w) => w.index === index);
    const failedAt = errors.length > 0 ? Math.min(...errors.map((e) => e.step ?? 0)) : Infinity;
    const requeue: Job[] = [];
    let offset = 0;
    for (const job of slot.jobs) {
      const length = job.chunks[job.next]!.command.do.length;
      const inRange = <T extends { step?: number }>(list: T[]) => list.filter((e) => (e.step ?? 0) >= offset && (e.step ?? 0) < offset + length).map((e) => ({ ...e, step: e.step === undefined ? undefined : e.step - offset }));
      // A step after the failing one never ran: its job goes again, in a later request.
      if (offset > failedAt) requeue.push(job);
      else requeue.push(...this.settle(job, inRange(errors), inRange(warnings), result.requestId));
      offset += length;
    }
    return requeue;
  }

  private settle(job: Job, errors: ActionIssue[], warnings: ActionIssue[], requestId: string): Job[] {
    const chunk = job.chunks[job.next]!;
    const target = "user" in chunk.command ? chunk.command.user : chunk.command.usergroup;
    const toIssue = (e: ActionIssue, code: string | undefined): CommandIssue => ({
      code: code ?? "unknown",
      message: e.message,
      step: e.step === undefined ? undefined : (chunk.originalStep[e.step] ?? e.step),
      target: e.user ?? target,
      requestID: e.requestID,
    });
    job.outcome.requestIds.push(requestId);
    job.outcome.issues.push(...errors.map((e) => toIssue(e, e.errorCode)));
    job.outcome.warnings.push(...warnings.map((w) => toIssue(w, w.warningCode)));
    if (errors.length > 0) job.outcome.completed = false;
    job.next++;
    // The next chunk of a split command goes first, in a later request.
    if (errors.length === 0 && job.next < job.chunks.length) return [job];
    job.resolve(job.outcome);
    return [];
  }
}

interface Slot {
  jobs: Job[];
  command: Command;
}

const PACE_WINDOW_MS = 10_000;
const FIRST_ONLY = new Set(["addAdobeID", "createEnterpriseID", "createFederatedID", "createUserGroup"]);
const LAST_ONLY = new Set(["removeFromOrg", "deleteUserGroup"]);
