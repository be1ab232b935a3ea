/**
 * Packs queued commands and membership changes from concurrent callers into action requests within
 * UMAPI's limits (./packing) and maps each returned error (`index`, `step`) back to the caller that
 * queued it. A `partial` result fails only the callers concerned. With several lanes (one per client
 * of a credential pool) up to one request per lane is in flight, and no two requests in flight
 * touch the same user or group.
 */
import { UMAPI_LIMITS } from "./limits";
import type { ActionIssue, ActionResponse, Command } from "./schema";
import type { CommandIssue } from "./errors";
import { KeyLocks, type MembershipChange } from "./membership";
import { jobCommand, pack, queuedCommands, type CommandSlot, type GroupSlot, type Job, type MembershipJob, type PackLimits, type PackedRequest } from "./packing";
import { SoonestPicker } from "./ratelimit";
import { splitCommand, type SplitLimits } from "./split";

export interface CommandOutcome {
  completed: boolean;
  issues: CommandIssue[];
  warnings: CommandIssue[];
  /** X-Request-Id of every action request that carried (part of) this command. */
  requestIds: string[];
}

/** The outcome of a command that completed (or, in a validation, had nothing to send). */
export function completedOutcome(): CommandOutcome {
  return { completed: true, issues: [], warnings: [], requestIds: [] };
}

export type PostActions = (commands: Command[], testOnly: boolean, lane: number) => Promise<{ response: ActionResponse; requestId: string }>;

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
  /**
   * The least quiet period while membership changes wait to travel in user-group commands: one
   * such request can carry 1,000 changes, so a pause of the engine between two bursts of resources
   * is waited out rather than spent on a half-empty request. Default 1,000 ms.
   */
  packedLingerMs?: number;
  /**
   * Longest a membership change that can travel packed waits for its request to fill, while changes
   * keep coming. The engine hands over a large reorganisation at about 100 resources a second here,
   * so 5 s would send requests of 500 where 1,000 fit. Default 15,000 ms.
   */
  packedMaxLingerMs?: number;
  now?: () => number;
  /** Pack membership changes into user-group commands. Default true; false sends each in its user's command. */
  groupSide?: boolean;
  /** Senders that may each have one request in flight (the clients of a pool). Default 1. */
  lanes?: number;
  /** Milliseconds until a lane's action endpoint has a free rate-limit slot; the batcher packs late to fill requests. */
  delayUntilSlot?: (lane: number) => number;
  sleep?: (ms: number) => Promise<void>;
}

export class ActionBatcher {
  private queue: Job[] = [];
  private running = false;
  private readonly limits: PackLimits;
  private readonly lingerMs: number;
  private readonly maxLingerMs: number;
  private readonly packedLingerMs: number;
  private readonly packedMaxLingerMs: number;
  /** Callers the last completed request resolved. */
  private lastReleased = 0;
  private readonly now: () => number;
  private lastSubmitAt?: number;
  /** When the last request completed: callers waiting on it submit again right after. */
  private lastCompletedAt?: number;
  /** Gaps between submissions while commands are flowing (the stream's pace), with when they ended. */
  private gaps: { at: number; gap: number }[] = [];
  private firstQueuedAt = 0;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly busy: boolean[];
  private readonly inFlight = new KeyLocks();
  private readonly sending = new Set<Promise<void>>();
  private readonly lanePicker: SoonestPicker;

  constructor(
    private readonly post: PostActions,
    private readonly opts: BatcherOptions = {},
  ) {
    this.limits = {
      commandsPerRequest: opts.commandsPerRequest ?? UMAPI_LIMITS.commandsPerRequest,
      stepsPerCommand: opts.limits?.stepsPerCommand ?? UMAPI_LIMITS.stepsPerCommand,
      entriesPerList: opts.limits?.entriesPerList ?? UMAPI_LIMITS.entriesPerList,
    };
    this.lingerMs = opts.lingerMs ?? 50;
    this.maxLingerMs = opts.maxLingerMs ?? 5000;
    this.packedLingerMs = opts.packedLingerMs ?? 1000;
    this.packedMaxLingerMs = opts.packedMaxLingerMs ?? 15_000;
    this.now = opts.now ?? Date.now;
    this.sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.busy = Array.from({ length: Math.max(1, opts.lanes ?? 1) }, () => false);
    this.lanePicker = new SoonestPicker(this.busy.length);
  }

  submit(command: Command, options: { testOnly?: boolean } = {}): Promise<CommandOutcome> {
    return this.enqueue((base) => ({ ...base, kind: "command", chunks: splitCommand(command, this.opts.limits), next: 0 }), options);
  }

  /**
   * Queues one membership change. It travels in a user-group command when that group has other
   * changes waiting (up to 100 a command), else as a step of the user's command.
   */
  submitMembership(change: MembershipChange, options: { testOnly?: boolean } = {}): Promise<CommandOutcome> {
    // One command a request is the per-resource (naive) mode: nothing is packed either.
    return this.enqueue((base) => ({ ...base, kind: "membership", change, groupSide: this.opts.groupSide !== false && this.limits.commandsPerRequest > 1 }), options);
  }

  private enqueue(make: (base: Omit<MembershipJob, "kind" | "change" | "groupSide">) => Job, options: { testOnly?: boolean }): Promise<CommandOutcome> {
    return new Promise((resolve, reject) => {
      const outcome = completedOutcome();
      const now = this.now();
      this.noteSubmit(now);
      if (this.queue.length === 0) this.firstQueuedAt = now;
      this.queue.push(make({ testOnly: options.testOnly ?? false, outcome, resolve, reject }));
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

  /** Commands and changes waiting to be sent (not counting the requests in flight). */
  get pending(): number {
    return this.queue.length;
  }

  private kick(): void {
    if (this.running) return;
    this.running = true;
    void this.loop()
      .catch((err: unknown) => {
        for (const job of this.queue.splice(0)) job.reject(err);
      })
      .finally(() => {
      this.running = false;
      if (this.queue.length > 0) this.kick();
    });
  }

  /** Sends when a request is full, or when the queue has gone quiet, and a lane and its rate-limit slot are free. */
  private async loop(): Promise<void> {
    while (this.queue.length > 0) {
      await this.fill();
      const lane = await this.freeLane();
      const slotDelay = this.opts.delayUntilSlot?.(lane) ?? 0;
      if (slotDelay > 0) await this.sleep(slotDelay);
      const request = pack(this.queue, this.inFlight, this.limits);
      if (request.slots.length === 0) {
        // Everything waiting touches a user or group of a request in flight.
        if (this.sending.size === 0) throw new Error("ActionBatcher: nothing could be packed with nothing in flight");
        await Promise.race(this.sending);
        continue;
      }
      this.queue = this.queue.filter((j) => !request.taken.has(j));
      for (const k of request.keys) this.inFlight.take(k);
      this.busy[lane] = true;
      const sent: Promise<void> = this.send(request, lane).finally(() => {
        this.busy[lane] = false;
        for (const k of request.keys) this.inFlight.release(k);
        this.sending.delete(sent);
        this.kick();
      });
      this.sending.add(sent);
      this.firstQueuedAt = this.now();
    }
  }

  /** A lane with no request in flight, the one whose rate-limit slot frees first (round robin on ties). */
  private async freeLane(): Promise<number> {
    for (;;) {
      const lane = this.lanePicker.pick((i) => (this.busy[i] ? undefined : (this.opts.delayUntilSlot?.(i) ?? 0)));
      if (lane !== undefined) return lane;
      await Promise.race(this.sending);
    }
  }

  private async fill(): Promise<void> {
    for (;;) {
      if (this.lingerMs <= 0) return;
      const queued = queuedCommands(this.queue, this.limits);
      if (queued.commands >= this.limits.commandsPerRequest) return;
      const now = this.now();
      // Commands left over from the last request get a quiet period of their own to fill up in.
      const quietFrom = Math.max(this.lastSubmitAt ?? now, this.lastCompletedAt ?? -Infinity);
      const maxLinger = queued.packed ? Math.max(this.maxLingerMs, this.packedMaxLingerMs) : this.maxLingerMs;
      // The engine goes quiet for a while after a request resolves many callers at once (it records
      // each outcome): that lull is not the end of the stream, so it is waited out too.
      const afterRelease = this.lastReleased * RELEASE_LULL_MS_PER_CALLER;
      const quiet = queued.packed ? Math.min(maxLinger, Math.max(this.packedLingerMs, afterRelease, this.quietMs)) : this.quietMs;
      const quietLeft = quietFrom + quiet - now;
      const lingerLeft = this.firstQueuedAt + maxLinger - now;
      if (quietLeft <= 0 || lingerLeft <= 0) return;
      await this.sleep(Math.min(quietLeft, lingerLeft));
    }
  }

  private async send(request: PackedRequest, lane: number): Promise<void> {
    let result: Awaited<ReturnType<PostActions>>;
    try {
      result = await this.post(request.slots.map((s) => s.command), request.testOnly, lane);
    } catch (err) {
      for (const job of request.taken) job.reject(err);
      return;
    } finally {
      this.lastCompletedAt = this.now();
    }
    const requeue: Job[] = [];
    this.lastReleased = request.taken.size;
    request.slots.forEach((slot, index) => {
      const errors = (result.response.errors ?? []).filter((e) => e.index === index);
      const warnings = (result.response.warnings ?? []).filter((w) => w.index === index);
      requeue.push(...(slot.kind === "group" ? this.settleGroupSlot(slot, errors, warnings, result.requestId) : this.settleSlot(slot, errors, warnings, result.requestId)));
    });
    this.queue.unshift(...requeue);
  }

  /** Splits a merged command's outcome back over its jobs; returns the jobs to send again. */
  private settleSlot(slot: CommandSlot, errors: ActionIssue[], warnings: ActionIssue[], requestId: string): Job[] {
    const failedAt = errors.length > 0 ? Math.min(...errors.map((e) => e.step ?? 0)) : Infinity;
    const requeue: Job[] = [];
    let offset = 0;
    for (const job of slot.jobs) {
      const length = job.kind === "command" ? jobCommand(job).do.length : 1;
      const inRange = <T extends { step?: number }>(list: T[]) => list.filter((e) => (e.step ?? 0) >= offset && (e.step ?? 0) < offset + length).map((e) => ({ ...e, step: e.step === undefined ? undefined : e.step - offset }));
      // A step after the failing one never ran: its job goes again, in a later request.
      if (offset > failedAt) requeue.push(job);
      else requeue.push(...this.settle(job, inRange(errors), inRange(warnings), requestId));
      offset += length;
    }
    return requeue;
  }

  /**
   * A user-group command stops at its first failing step: the steps before it applied, the steps
   * after it never ran (sent again as they were). The failing step's changes cannot tell which of
   * its users caused the failure, so each goes again alone, as a step of its user's command, where
   * the failure belongs to the change (and the resource) that caused it.
   */
  private settleGroupSlot(slot: GroupSlot, errors: ActionIssue[], warnings: ActionIssue[], requestId: string): Job[] {
    const failedAt = errors.length > 0 ? Math.min(...errors.map((e) => e.step ?? 0)) : Infinity;
    const requeue: Job[] = [];
    slot.stepJobs.forEach((jobs, step) => {
      const at = (list: ActionIssue[]) => list.filter((e) => (e.step ?? 0) === step);
      for (const job of jobs) {
        if (step > failedAt) requeue.push(job);
        else if (step === failedAt && jobs.length > 1) requeue.push({ ...job, groupSide: false });
        else {
          const own = (list: ActionIssue[]) => at(list).filter((e) => !e.user || e.user.toLowerCase() === slot.group.toLowerCase() || e.user.toLowerCase() === job.change.user.toLowerCase());
          this.settle(job, own(errors).map((e) => ({ ...e, step: 0 })), own(warnings).map((w) => ({ ...w, step: 0 })), requestId);
        }
      }
    });
    return requeue;
  }

  private settle(job: Job, errors: ActionIssue[], warnings: ActionIssue[], requestId: string): Job[] {
    const chunk = job.kind === "command" ? job.chunks[job.next]! : undefined;
    const target = chunk ? ("user" in chunk.command ? chunk.command.user : chunk.command.usergroup) : (job as MembershipJob).change.user;
    const toIssue = (e: ActionIssue, code: string | undefined): CommandIssue => ({
      code: code ?? "unknown",
      message: e.message,
      step: e.step === undefined ? undefined : chunk ? (chunk.originalStep[e.step] ?? e.step) : 0,
      target: e.user ?? target,
      requestID: e.requestID,
    });
    job.outcome.requestIds.push(requestId);
    job.outcome.issues.push(...errors.map((e) => toIssue(e, e.errorCode)));
    job.outcome.warnings.push(...warnings.map((w) => toIssue(w, w.warningCode)));
    if (errors.length > 0) job.outcome.completed = false;
    if (job.kind === "command") {
      job.next++;
      // The next chunk of a split command goes first, in a later request.
      if (errors.length === 0 && job.next < job.chunks.length) return [job];
    }
    job.resolve(job.outcome);
    return [];
  }
}

const PACE_WINDOW_MS = 10_000;
/** Measured: the engine takes about 1 s to record 1,000 outcomes on 2 cores; 3 ms each leaves a margin. */
const RELEASE_LULL_MS_PER_CALLER = 3;
