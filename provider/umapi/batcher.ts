/**
 * Packs queued commands from concurrent callers into action requests within UMAPI's limits (at
 * most 10 commands; never the same user or group twice in one request) and maps each returned
 * error (`index`, `step`) back to the caller that queued the command. A `partial` result fails
 * only the callers concerned.
 */
import { UMAPI_LIMITS } from "./limits";
import type { ActionResponse, Command } from "./schema";
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
  /** How long to wait for more commands before sending a request that is not full. Default 25 ms. */
  lingerMs?: number;
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
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly post: PostActions,
    private readonly opts: BatcherOptions = {},
  ) {
    this.perRequest = opts.commandsPerRequest ?? UMAPI_LIMITS.commandsPerRequest;
    this.lingerMs = opts.lingerMs ?? 25;
    this.sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  submit(command: Command, options: { testOnly?: boolean } = {}): Promise<CommandOutcome> {
    return new Promise((resolve, reject) => {
      const chunks = splitCommand(command, this.opts.limits);
      const outcome: CommandOutcome = { completed: true, issues: [], warnings: [], requestIds: [] };
      this.queue.push({ chunks, next: 0, testOnly: options.testOnly ?? false, outcome, resolve, reject });
      this.kick();
    });
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

  private async loop(): Promise<void> {
    while (this.queue.length > 0) {
      const slotDelay = this.opts.delayUntilSlot?.() ?? 0;
      if (slotDelay > 0) await this.sleep(slotDelay);
      else if (this.queue.length < this.perRequest && this.lingerMs > 0) await this.sleep(this.lingerMs);
      const batch = this.pack();
      await this.send(batch);
    }
  }

  /** FIFO, skipping a target already in the batch and commands of the other testOnly mode. */
  private pack(): Job[] {
    const batch: Job[] = [];
    const targets = new Set<string>();
    const testOnly = this.queue[0]!.testOnly;
    for (let i = 0; i < this.queue.length && batch.length < this.perRequest; ) {
      const job = this.queue[i]!;
      const target = commandTarget(job.chunks[job.next]!.command);
      if (job.testOnly === testOnly && !targets.has(target)) {
        targets.add(target);
        batch.push(job);
        this.queue.splice(i, 1);
      } else i++;
    }
    return batch;
  }

  private async send(batch: Job[]): Promise<void> {
    const commands = batch.map((j) => j.chunks[j.next]!.command);
    let result: Awaited<ReturnType<PostActions>>;
    try {
      result = await this.post(commands, batch[0]!.testOnly);
    } catch (err) {
      for (const job of batch) job.reject(err);
      return;
    }
    batch.forEach((job, index) => this.settle(job, index, result));
  }

  private settle(job: Job, index: number, { response, requestId }: Awaited<ReturnType<PostActions>>): void {
    const chunk = job.chunks[job.next]!;
    const target = "user" in chunk.command ? chunk.command.user : chunk.command.usergroup;
    const toIssue = (e: NonNullable<ActionResponse["errors"]>[number], code: string | undefined): CommandIssue => ({
      code: code ?? "unknown",
      message: e.message,
      step: e.step === undefined ? undefined : (chunk.originalStep[e.step] ?? e.step),
      target: e.user ?? target,
      requestID: e.requestID,
    });
    const errors = (response.errors ?? []).filter((e) => e.index === index);
    job.outcome.requestIds.push(requestId);
    job.outcome.issues.push(...errors.map((e) => toIssue(e, e.errorCode)));
    job.outcome.warnings.push(...(response.warnings ?? []).filter((w) => w.index === index).map((w) => toIssue(w, w.warningCode)));
    if (errors.length > 0) job.outcome.completed = false;
    job.next++;
    if (errors.length === 0 && job.next < job.chunks.length) {
      this.queue.unshift(job); // the next chunk of a split command goes first, in a later request
      return;
    }
    job.resolve(job.outcome);
  }
}
