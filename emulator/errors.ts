/**
 * The emulator's errors. Handlers throw these; `renderError` is the one place that writes UMAPI's
 * (and IMS's) error formats. `CommandError` is different: it fails one action command and becomes an
 * entry of the 200 response's `errors[]` (reference §4.5).
 */
import { jsonResponse, type EmuResponse } from "./http";

export abstract class EmulatorError extends Error {
  abstract readonly status: number;
  abstract body(): unknown;
  headers(): Record<string, string> {
    return {};
  }
}

/** 401 on a missing, unknown or expired token (reference §1.2; body as observed in the field). */
export class UnauthorizedError extends EmulatorError {
  readonly status = 401;
  body(): unknown {
    return { result: "error.unauthorized", message: "Failed to authenticate provided token" };
  }
  override headers(): Record<string, string> {
    return {
      "www-authenticate": 'Bearer realm="JIL", error="invalid_token", error_description="The access token is invalid"',
    };
  }
}

/** 403 from Adobe's API gateway when X-Api-Key is missing or wrong (reference §1.2). */
export class ApiKeyError extends EmulatorError {
  readonly status = 403;
  body(): unknown {
    return { error_code: "403003", message: "Api Key is invalid" };
  }
}

/** 400 with a UMAPI `result` code, e.g. a bad org id or a malformed action body. */
export class BadRequestError extends EmulatorError {
  readonly status = 400;
  constructor(readonly result: string, message: string) {
    super(message);
  }
  body(): unknown {
    return { result: this.result, message: this.message };
  }
}

export class BadOrgError extends BadRequestError {
  constructor() {
    super("error.organization.invalid_id", "Bad organization Id");
  }
}

/** 404 of a query endpoint; `canonical` is the `Canonical-Resource` header Adobe sends (reference §3.3). */
export class NotFoundError extends EmulatorError {
  readonly status = 404;
  constructor(
    readonly result: string,
    message: string,
    private readonly canonical?: string,
    private readonly withLastPage = false,
  ) {
    super(message);
  }
  body(): unknown {
    const base = { result: this.result, message: this.message };
    return this.withLastPage ? { lastPage: false, ...base } : base;
  }
  override headers(): Record<string, string> {
    return this.canonical ? { "canonical-resource": this.canonical } : {};
  }
}

/** 404/405 for paths and methods UMAPI does not serve. */
export class RouteError extends EmulatorError {
  constructor(readonly status: 404 | 405, message: string) {
    super(message);
  }
  body(): unknown {
    return { result: "error.api.not_available", message: this.message };
  }
}

/** 429 (reference §6.1): `Retry-After` is always an integer >= 1. */
export class ThrottledError extends EmulatorError {
  readonly status = 429;
  constructor(readonly retryAfterSeconds: number) {
    super("Too many requests");
  }
  body(): unknown {
    return { error_code: "429050", message: "Too many requests" };
  }
  override headers(): Record<string, string> {
    return { "retry-after": String(Math.max(1, Math.ceil(this.retryAfterSeconds))) };
  }
}

const GATEWAY_MESSAGES: Record<number, string> = { 502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout" };

/** Injected transient gateway failure. */
export class GatewayFaultError extends EmulatorError {
  constructor(readonly status: 502 | 503 | 504) {
    super(GATEWAY_MESSAGES[status]);
  }
  body(): unknown {
    return { error_code: `${this.status}000`, message: this.message };
  }
}

/** IMS errors use OAuth's `{error, error_description}` shape (reference §7). */
export class ImsError extends EmulatorError {
  constructor(readonly status: number, readonly error: string, description: string) {
    super(description);
  }
  body(): unknown {
    return { error: this.error, error_description: this.message };
  }
}

/** Control-plane misuse (bad seed, bad fault spec). */
export class ControlError extends EmulatorError {
  readonly status = 400;
  body(): unknown {
    return { error: this.message };
  }
}

/** Fails one action command; becomes an `errors[]` entry (reference §4.5, §5). */
export class CommandError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

export function renderError(err: unknown): EmuResponse {
  if (err instanceof EmulatorError) return jsonResponse(err.status, err.body(), err.headers());
  const message = err instanceof Error ? err.message : String(err);
  return jsonResponse(500, { result: "error.internal.exceptionflys", message: `Emulator internal error: ${message}` });
}
