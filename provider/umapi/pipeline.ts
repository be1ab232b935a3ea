/** The layers around `httpSend`: auth, client-side throttle and retry. Each wraps one `Send`. */
import { AuthError, ThrottledError, TransportError, type Redactor } from "./errors";
import type { TokenProvider } from "./auth";
import { decideRetry, type RetryPolicy } from "./retry";
import type { SlidingWindowLimiter, Slot } from "./ratelimit";
import { NetworkFailure, newRequestId, type Send, type UmapiResponse } from "./transport";
import type { WaitEvent } from "./options";

/** Adds the bearer token and API key; on 401 fetches a new token and tries once more. */
export function withAuth(send: Send, tokens: TokenProvider, clientId: string): Send {
  return async (req) => {
    if (req.endpointClass === "ims") return send(req);
    const attempt = async () => {
      const token = await tokens.getToken();
      const res = await send({ ...req, headers: { ...req.headers, Authorization: `Bearer ${token}`, "X-Api-Key": clientId } });
      return { res, token };
    };
    let { res, token } = await attempt();
    if (res.status === 401) {
      tokens.invalidate(token);
      ({ res } = await attempt());
    }
    if (res.status === 401 || res.status === 403) {
      const what = res.status === 401 ? "the access token (after one refresh)" : "the API key (client id) or its permissions";
      throw new AuthError(`UMAPI refused ${what}: HTTP ${res.status} on ${req.method} ${req.url}`, {
        status: res.status,
        requestId: res.requestId,
        endpointClass: req.endpointClass,
      });
    }
    return res;
  };
}

/** Waits for a slot of each of the endpoint class's shared limiters (the client's, then the global one) before each attempt. */
export function withThrottle(
  send: Send,
  limitersFor: (cls: string) => SlidingWindowLimiter[],
  onWait?: (e: WaitEvent) => void,
): Send {
  return async (req) => {
    const slots: Slot[] = [];
    try {
      for (const limiter of limitersFor(req.endpointClass)) {
        const slot = await limiter.acquire();
        slots.push(slot);
        if (slot.waitedMs > 0) onWait?.({ reason: "rate-limit", endpointClass: req.endpointClass, delayMs: slot.waitedMs, attempt: 1 });
      }
      return await send(req);
    } finally {
      for (const slot of slots) slot.release();
    }
  };
}

export interface RetryHooks {
  now: () => number;
  random: () => number;
  sleep: (ms: number) => Promise<void>;
  onWait?: (e: WaitEvent) => void;
  redactor: Redactor;
}

/** Retries throttling, gateway errors and network failures (reference §6.3); never hangs silently. */
export function withRetry(send: Send, policy: RetryPolicy, hooks: RetryHooks): Send {
  return async (req) => {
    // One X-Request-Id per logical call, reused on retries, so server logs tie the attempts together.
    const requestId = req.headers?.["X-Request-Id"] ?? newRequestId(hooks.now());
    const call = { ...req, headers: { ...req.headers, "X-Request-Id": requestId } };
    for (let attempt = 1; ; attempt++) {
      let res: UmapiResponse | undefined;
      let failure: NetworkFailure | undefined;
      try {
        res = await send(call);
      } catch (err) {
        if (!(err instanceof NetworkFailure)) throw err;
        failure = err;
      }
      const outcome = res ? { status: res.status, retryAfter: res.headers.get("retry-after") } : { networkError: true };
      const decision = decideRetry(outcome, attempt, policy, hooks.now(), hooks.random);
      if (decision.action === "return") return res!;
      if (decision.action === "fail") throw giveUp(req, res, failure, attempt, decision, hooks.redactor, requestId);
      const reason = res?.status === 429 ? "throttle" : "retry";
      hooks.onWait?.({ reason, endpointClass: req.endpointClass, delayMs: decision.delayMs, attempt, status: res?.status, requestId });
      await hooks.sleep(decision.delayMs);
    }
  };
}

function giveUp(
  req: { method: string; url: string; endpointClass: WaitEvent["endpointClass"] },
  res: UmapiResponse | undefined,
  failure: NetworkFailure | undefined,
  attempts: number,
  decision: { reason: "attempts" | "wait-cap"; delayMs?: number },
  redactor: Redactor,
  requestId: string,
) {
  const endpointClass = req.endpointClass as never;
  const seconds = decision.delayMs === undefined ? undefined : Math.ceil(decision.delayMs / 1000);
  if (res?.status === 429) {
    const msg =
      decision.reason === "wait-cap"
        ? `UMAPI throttled ${req.method} ${req.url} and asked to wait ${seconds} s, more than the configured cap (maxWaitSeconds / UMAPI_MAX_WAIT_SECONDS). Re-run later, or raise the cap to wait it out.`
        : `UMAPI still throttled ${req.method} ${req.url} after ${attempts} attempts (last Retry-After ${seconds} s).`;
    return new ThrottledError(redactor.redact(msg), { status: 429, requestId, endpointClass, retryAfterSeconds: seconds });
  }
  const what = res ? `HTTP ${res.status}` : redactor.redact(failure?.message ?? "network failure");
  const cap = decision.reason === "wait-cap" ? ` (the next backoff of ${seconds} s exceeds the configured cap)` : "";
  return new TransportError(`UMAPI ${req.method} ${req.url} failed after ${attempts} attempt(s): ${what}${cap}`, {
    status: res?.status,
    requestId,
    endpointClass,
    attempts,
  });
}
