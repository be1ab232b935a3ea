/**
 * Per-API-key, per-endpoint-class sliding windows (reference §6.1). A window lasts 60 s / timeScale
 * of real time. A throttled request does not count toward the window; Retry-After is the whole
 * number of seconds (>= 1) until the oldest request in the window leaves it.
 */
import type { EndpointClass } from "../provider/umapi/limits";

export type ThrottleLimits = Partial<Record<EndpointClass, number>>;

export class Throttle {
  private readonly windows = new Map<string, number[]>();

  constructor(
    private readonly limits: ThrottleLimits | null,
    private readonly windowMs: number,
    private readonly now: () => number,
  ) {}

  /** Records the request and returns null, or returns the Retry-After seconds if it is throttled. */
  check(apiKey: string, cls: EndpointClass): number | null {
    const limit = this.limits?.[cls];
    if (limit === undefined) return null;
    const key = `${cls}\u0000${apiKey}`;
    const now = this.now();
    const window = this.windows.get(key) ?? [];
    while (window.length > 0 && window[0]! <= now - this.windowMs) window.shift();
    if (window.length >= limit) {
      return Math.max(1, Math.ceil((window[0]! + this.windowMs - now) / 1000));
    }
    window.push(now);
    this.windows.set(key, window);
    return null;
  }

  reset(): void {
    this.windows.clear();
  }
}
