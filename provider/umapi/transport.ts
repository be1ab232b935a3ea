/**
 * The innermost `send`: one HTTP exchange with a timeout. Auth, throttle and retry each wrap a
 * `Send`, so each can be switched off and tested alone.
 */
import { randomUUID } from "node:crypto";
import type { EndpointClass } from "./limits";

export interface UmapiRequest {
  method: "GET" | "POST";
  /** Absolute URL. */
  url: string;
  endpointClass: EndpointClass | "ims";
  headers?: Record<string, string>;
  /** JSON body (serialized by the transport) or a pre-encoded form body. */
  body?: unknown;
  form?: URLSearchParams;
}

export interface UmapiResponse {
  status: number;
  headers: Headers;
  /** Raw body text; parsed by the caller against a schema. */
  text: string;
  requestId: string;
}

export type Send = (req: UmapiRequest) => Promise<UmapiResponse>;

/** A network failure or timeout: no HTTP answer at all. */
export class NetworkFailure extends Error {
  constructor(
    message: string,
    readonly timedOut: boolean,
    readonly requestId: string,
  ) {
    super(message);
    this.name = "NetworkFailure";
  }
}

// Kept equal to package.json's version by test/integration/transport.test.ts.
const PACKAGE_UA = "pulumi-adobe-umapi/0.2.0";

/** Unique per call, in the shape Adobe's own client uses: `<uuid4>_<epoch-ms>`. */
export function newRequestId(now: number = Date.now()): string {
  return `${randomUUID()}_${now}`;
}

export function httpSend(opts: { fetch: typeof fetch; timeoutMs: number; userAgent?: string }): Send {
  const ua = `${opts.userAgent ? opts.userAgent + " " : ""}${PACKAGE_UA} Node.js/${process.versions.node}`;
  return async (req) => {
    const requestId = req.headers?.["X-Request-Id"] ?? newRequestId();
    const headers: Record<string, string> = { Accept: "application/json", "User-Agent": ua, ...req.headers, "X-Request-Id": requestId };
    let body: string | undefined;
    if (req.form) {
      headers["Content-Type"] = "application/x-www-form-urlencoded";
      body = req.form.toString();
    } else if (req.body !== undefined) {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(req.body);
    }
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), opts.timeoutMs);
    try {
      const res = await opts.fetch(req.url, { method: req.method, headers, body, signal: controller.signal });
      const text = await res.text();
      return { status: res.status, headers: res.headers, text, requestId: res.headers.get("x-request-id") ?? requestId };
    } catch (err) {
      const timedOut = controller.signal.aborted;
      const what = timedOut ? `timed out after ${opts.timeoutMs} ms` : `failed: ${describeNetworkError(err)}`;
      throw new NetworkFailure(`${req.method} ${redactUrl(req.url)} ${what}`, timedOut, requestId);
    } finally {
      clearTimeout(timer);
    }
  };
}

function describeNetworkError(err: unknown): string {
  const e = err as { message?: string; cause?: { code?: string; message?: string } };
  return e.cause?.code ?? e.cause?.message ?? e.message ?? String(err);
}

/** Drops the query string, which may carry credentials on IMS calls. */
export function redactUrl(url: string): string {
  const i = url.indexOf("?");
  return i < 0 ? url : url.slice(0, i) + "?…";
}
