import { describe, expect, it } from "vitest";
import { decideRetry, parseRetryAfter, type RetryPolicy } from "../../provider/umapi";

const policy: RetryPolicy = { maxAttempts: 4, maxWaitSeconds: 900, backoffFirstDelaySeconds: 15, timeScale: 1 };
const NOW = Date.parse("2026-11-23T10:00:00Z");
const noJitter = () => 0;

describe("retry decisions (reference §6.3)", () => {
  it.each([
    [{ status: 200 }, 1, { action: "return" }],
    [{ status: 400 }, 1, { action: "return" }],
    [{ status: 404 }, 1, { action: "return" }],
    [{ status: 500 }, 1, { action: "return" }],
    [{ status: 429, retryAfter: "38" }, 1, { action: "retry", delayMs: 38_000, fromRetryAfter: true }],
    [{ status: 503 }, 1, { action: "retry", delayMs: 15_000, fromRetryAfter: false }],
    [{ status: 502 }, 2, { action: "retry", delayMs: 30_000, fromRetryAfter: false }],
    [{ status: 504 }, 3, { action: "retry", delayMs: 60_000, fromRetryAfter: false }],
    [{ networkError: true }, 1, { action: "retry", delayMs: 15_000, fromRetryAfter: false }],
    [{ status: 503 }, 4, { action: "fail", reason: "attempts", delayMs: 120_000 }],
    [{ status: 429, retryAfter: "3244" }, 1, { action: "fail", reason: "wait-cap", delayMs: 3_244_000 }],
  ])("%j on attempt %i → %j", (outcome, attempt, expected) => {
    expect(decideRetry(outcome, attempt, policy, NOW, noJitter)).toEqual(expected);
  });

  it("adds up to 5 s of jitter to the backoff", () => {
    const d = decideRetry({ status: 503 }, 1, policy, NOW, () => 0.999);
    expect(d).toMatchObject({ action: "retry" });
    expect((d as { delayMs: number }).delayMs).toBeGreaterThan(19_900);
  });

  it("divides backoff (not Retry-After) by the time scale", () => {
    const scaled = { ...policy, timeScale: 60 };
    expect(decideRetry({ status: 503 }, 1, scaled, NOW, noJitter)).toMatchObject({ delayMs: 250 });
    expect(decideRetry({ status: 429, retryAfter: "2" }, 1, scaled, NOW, noJitter)).toMatchObject({ delayMs: 2000 });
  });

  it("falls back to backoff when Retry-After is missing or unparsable", () => {
    expect(decideRetry({ status: 429, retryAfter: "soon" }, 1, policy, NOW, noJitter)).toMatchObject({ delayMs: 15_000, fromRetryAfter: false });
  });
});

describe("Retry-After parsing", () => {
  it("reads delta-seconds", () => expect(parseRetryAfter("120", NOW)).toBe(120_000));
  it("reads an HTTP date", () => expect(parseRetryAfter(new Date(NOW + 90_000).toUTCString(), NOW)).toBe(90_000));
  it("clamps a date in the past to 0", () => expect(parseRetryAfter(new Date(NOW - 5_000).toUTCString(), NOW)).toBe(0));
  it("ignores an empty header", () => expect(parseRetryAfter("", NOW)).toBeUndefined());
});
