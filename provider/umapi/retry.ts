/**
 * Retry policy as a pure decision of (outcome, attempt, options), mirroring Adobe's client
 * (reference §6.3): retry 429/502/503/504, timeouts and connection errors; honour Retry-After
 * (delta-seconds or HTTP date), else exponential backoff 2^(n-1) × first delay + jitter.
 */
export interface AttemptOutcome {
  status?: number;
  retryAfter?: string | null;
  networkError?: boolean;
}

export interface RetryPolicy {
  maxAttempts: number;
  maxWaitSeconds: number;
  backoffFirstDelaySeconds: number;
  timeScale: number;
}

export type RetryDecision =
  | { action: "return" }
  | { action: "retry"; delayMs: number; fromRetryAfter: boolean }
  | { action: "fail"; reason: "attempts" | "wait-cap"; delayMs?: number };

export const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);

/** Parses Retry-After: delta-seconds or an HTTP date. Returns milliseconds, or undefined. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

export function decideRetry(
  outcome: AttemptOutcome,
  attempt: number,
  policy: RetryPolicy,
  now: number,
  random: () => number,
): RetryDecision {
  const retryable = outcome.networkError === true || (outcome.status !== undefined && RETRYABLE_STATUS.has(outcome.status));
  if (!retryable) return { action: "return" };
  const fromHeader = parseRetryAfter(outcome.retryAfter, now);
  let delayMs: number;
  if (fromHeader !== undefined && fromHeader > 0) {
    // The server already scales its Retry-After (the emulator's --time-scale); don't scale it twice.
    delayMs = fromHeader;
  } else {
    const base = 2 ** (attempt - 1) * policy.backoffFirstDelaySeconds + random() * 5;
    delayMs = Math.round((base * 1000) / policy.timeScale);
  }
  if (delayMs > policy.maxWaitSeconds * 1000) return { action: "fail", reason: "wait-cap", delayMs };
  if (attempt >= policy.maxAttempts) return { action: "fail", reason: "attempts", delayMs };
  return { action: "retry", delayMs, fromRetryAfter: fromHeader !== undefined && fromHeader > 0 };
}
