/**
 * Client-side sliding-window throttle, one per endpoint class and client per process, so every
 * caller (every Pulumi resource in the provider process) shares UMAPI's per-client budget and the
 * client seldom meets a 429.
 */
export interface Slot {
  /** Marks the request finished: its window starts counting from now. */
  release(): void;
  waitedMs: number;
}

export class SlidingWindowLimiter {
  // A slot's timestamp is moved to the request's completion time on release: the server received it
  // somewhere between send and completion, so counting from completion can never undercount.
  private readonly stamps: number[] = [];
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number,
    private readonly sleep: (ms: number) => Promise<void>,
  ) {}

  acquire(): Promise<Slot> {
    const next = this.tail.then(() => this.take());
    this.tail = next.catch(() => undefined);
    return next;
  }

  /** Milliseconds until a slot would be free, without taking it. */
  delayUntilFree(): number {
    this.prune();
    if (this.stamps.length < this.limit) return 0;
    // A request still in flight (stamp Infinity) frees its slot a window after it completes: not before now + window.
    const now = this.now();
    const oldest = Math.min(...this.stamps.map((s) => Math.min(s, now)));
    return Math.max(0, oldest + this.windowMs - now);
  }

  private prune(): void {
    const cutoff = this.now() - this.windowMs;
    for (let i = this.stamps.length - 1; i >= 0; i--) if (this.stamps[i]! <= cutoff) this.stamps.splice(i, 1);
  }

  private async take(): Promise<Slot> {
    let waitedMs = 0;
    for (;;) {
      const delay = this.delayUntilFree();
      if (delay === 0) break;
      waitedMs += delay;
      await this.sleep(delay);
    }
    const stamp = { at: Infinity };
    this.stamps.push(Infinity);
    const index = () => this.stamps.indexOf(stamp.at);
    let released = false;
    return {
      waitedMs,
      release: () => {
        if (released) return;
        released = true;
        const i = index();
        const t = this.now();
        if (i >= 0) this.stamps[i] = t;
        stamp.at = t;
      },
    };
  }
}

const registry = new Map<string, SlidingWindowLimiter>();

/**
 * The per-process limiter for one client and endpoint class. This module-level map is the one
 * documented shared singleton: UMAPI throttles per client, so all callers must see one budget.
 */
export function sharedLimiter(
  key: string,
  limit: number,
  windowMs: number,
  now: () => number,
  sleep: (ms: number) => Promise<void>,
): SlidingWindowLimiter {
  const id = `${key}|${limit}|${windowMs}`;
  let limiter = registry.get(id);
  if (!limiter) {
    limiter = new SlidingWindowLimiter(limit, windowMs, now, sleep);
    registry.set(id, limiter);
  }
  return limiter;
}

/**
 * Picks, among `count` senders (the clients of a pool), the available one whose rate-limit slot
 * frees first; ties go round robin, so equal senders share the work.
 */
export class SoonestPicker {
  private next = 0;

  constructor(private readonly count: number) {}

  /** `delayOf(i)`: milliseconds until sender i may send, or undefined when it is not available. */
  pick(delayOf: (i: number) => number | undefined): number | undefined {
    let best: number | undefined;
    let bestDelay = Infinity;
    for (let k = 0; k < this.count; k++) {
      const i = (this.next + k) % this.count;
      const delay = delayOf(i);
      if (delay !== undefined && delay < bestDelay) [best, bestDelay] = [i, delay];
    }
    if (best !== undefined) this.next = (best + 1) % this.count;
    return best;
  }
}
