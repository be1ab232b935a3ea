/**
 * The client's error family. Every error carries what an admin needs to act on it — HTTP status,
 * UMAPI error code, request id, and for command failures the command, step and target — and never a
 * secret: messages pass through a Redactor before they are stored.
 */
import type { EndpointClass } from "./limits";

export interface UmapiErrorContext {
  status?: number;
  errorCode?: string;
  requestId?: string;
  endpointClass?: EndpointClass | "ims";
  cause?: unknown;
}

export class UmapiError extends Error {
  readonly status?: number;
  readonly errorCode?: string;
  readonly requestId?: string;
  readonly endpointClass?: EndpointClass | "ims";

  constructor(message: string, ctx: UmapiErrorContext = {}) {
    super(message, ctx.cause === undefined ? undefined : { cause: ctx.cause });
    this.name = new.target.name;
    this.status = ctx.status;
    this.errorCode = ctx.errorCode;
    this.requestId = ctx.requestId;
    this.endpointClass = ctx.endpointClass;
  }
}

/** IMS refused the credentials, or UMAPI refused the token or API key (401/403). */
export class AuthError extends UmapiError {}

/** A 4xx UMAPI answer that retrying cannot fix (bad org id, malformed request, ...). */
export class RequestError extends UmapiError {}

/** A GET for a user or group that does not exist (404). */
export class NotFoundError extends UmapiError {}

/** Throttled for longer than the configured cap, or on every allowed attempt. */
export class ThrottledError extends UmapiError {
  readonly retryAfterSeconds?: number;
  constructor(message: string, ctx: UmapiErrorContext & { retryAfterSeconds?: number }) {
    super(message, ctx);
    this.retryAfterSeconds = ctx.retryAfterSeconds;
  }
}

/** Network failure, timeout or 5xx after every allowed attempt. */
export class TransportError extends UmapiError {
  readonly attempts?: number;
  constructor(message: string, ctx: UmapiErrorContext & { attempts?: number }) {
    super(message, ctx);
    this.attempts = ctx.attempts;
  }
}

/** A response whose body does not match UMAPI's documented shape. */
export class ResponseFormatError extends UmapiError {}

/** One per-command issue of an action response, mapped back to the command that caused it. */
export interface CommandIssue {
  code: string;
  message: string;
  /** Index of the step in the caller's command (after undoing any split). */
  step?: number;
  /** The command's root value: user email/username or user group name. */
  target: string;
  requestID?: string;
}

/** An action command that UMAPI did not complete. */
export class CommandError extends UmapiError {
  readonly issues: CommandIssue[];
  readonly target: string;
  readonly stepName?: string;

  constructor(target: string, issues: CommandIssue[], ctx: UmapiErrorContext & { stepName?: string } = {}) {
    const first = issues[0];
    const where = first?.step === undefined ? "" : ` at step ${first.step}${ctx.stepName ? ` (${ctx.stepName})` : ""}`;
    const text = issues.map((i) => `${i.code}: ${i.message}`).join("; ");
    super(`UMAPI did not complete the command for "${target}"${where}: ${text}`, {
      ...ctx,
      errorCode: ctx.errorCode ?? first?.code,
    });
    this.issues = issues;
    this.target = target;
    this.stepName = ctx.stepName;
  }
}

/** Scrubs registered secrets (client secret, access tokens, private keys) out of any text. */
export class Redactor {
  private readonly secrets = new Set<string>();

  add(secret: string | undefined): void {
    if (secret && secret.length >= 4) this.secrets.add(secret);
  }

  redact(text: string): string {
    let out = text;
    for (const s of this.secrets) out = out.split(s).join("[REDACTED]");
    return out;
  }
}
