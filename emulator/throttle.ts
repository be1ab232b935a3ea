/**
 * Per-API-key, per-endpoint-class sliding windows (reference §6.1), and above them one window per
 * class for all clients of the org together (the global limit). A window lasts 60 s / timeScale of
 * real time. A throttled request counts toward no window; Retry-After is the whole number of
 * seconds (>= 1) until the oldest request in the window that refused it leaves it.
 */
import type { EndpointClass } from "../provider/umapi/limits";

export type ThrottleLimits = Partial<Record<EndpointClass, number>>;

export class Throttle {
  private readonly windows = new Map<string, number[]>();

  constructor(
    private readonly limits: ThrottleLimits | null,
    private readonly windowMs: number,
    private readonly now: () => number,
    private readonly globalLimits: ThrottleLimits | null = null,
  ) {}

  /** Records the request and returns null, or returns the Retry-After seconds if it is throttled. */
  check(apiKey: string, cls: EndpointClass): number | null {
    const own = this.window(`${cls}\u0000${apiKey}`);
    const all = this.window(`${cls}\u0000*`);
    const refusedBy = [
      { window: own, limit: this.limits?.[cls] },
      { window: all, limit: this.globalLimits?.[cls] },
    ].find((w) => w.limit !== undefined && w.window.length >= w.limit);
    if (refusedBy) return Math.max(1, Math.ceil((refusedBy.window[0]! + this.windowMs - this.now()) / 1000));
    const now = this.now();
    if (this.limits?.[cls] !== undefined) own.push(now);
    if (this.globalLimits?.[cls] !== undefined) all.push(now);
    return null;
  }

  private window(key: string): number[] {
    const now = this.now();
    let window = this.windows.get(key);
    if (!window) this.windows.set(key, (window = []));
    while (window.length > 0 && window[0]! <= now - this.windowMs) window.shift();
    return window;
  }

  reset(): void {
    this.windows.clear();
  }
}
