/** Errors raised by resources: they name the resource kind, the object and, when UMAPI refused, its error code. */
import { CommandError, ResponseFormatError, ThrottledError, TransportError, UmapiError } from "../umapi/errors";
import type { ResourceKind } from "../resources/types";

export class ResourceError extends Error {
  readonly kind: ResourceKind;
  readonly object: string;
  readonly errorCode?: string;

  constructor(kind: ResourceKind, object: string, message: string, options: { errorCode?: string; cause?: unknown } = {}) {
    super(`${kind} "${object}": ${message}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "ResourceError";
    this.kind = kind;
    this.object = object;
    this.errorCode = options.errorCode;
  }
}

/** Wraps a client error with the resource it belongs to; keeps the UMAPI code and request id in the text. */
export function wrapUmapiError(kind: ResourceKind, object: string, action: string, err: unknown): Error {
  if (err instanceof ResourceError) return err;
  if (err instanceof CommandError) {
    return new ResourceError(kind, object, `${action} failed: ${err.message}`, { errorCode: err.errorCode, cause: err });
  }
  if (err instanceof UmapiError) {
    const code = err.errorCode ? ` [${err.errorCode}]` : "";
    return new ResourceError(kind, object, `${action} failed${code}: ${err.message}`, { errorCode: err.errorCode, cause: err });
  }
  return err instanceof Error ? err : new Error(String(err));
}

export async function guard<T>(kind: ResourceKind, object: string, action: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw wrapUmapiError(kind, object, action, err);
  }
}

/**
 * A create or update that applied part of its work: the dynamic-provider host turns an error with
 * `id` and `properties` into a partial outcome (pulumirpc.ErrorResourceInitFailed), so the engine
 * records these outputs (with the error) and the next `up` does only what is left.
 */
export class PartialOutcomeError extends ResourceError {
  readonly id: string;
  readonly properties: Record<string, unknown>;
  readonly reasons: string[];

  constructor(kind: ResourceKind, object: string, message: string, id: string, properties: object, options: { errorCode?: string; cause?: unknown } = {}) {
    super(kind, object, message, options);
    this.id = id;
    this.properties = { ...properties };
    this.reasons = [this.message];
  }
}

/**
 * A create whose outcome is unknown: the request failed after it may have been applied (lost
 * response, retries exhausted, unreadable answer). The dynamic-provider host turns an error with
 * `id` and `properties` into a partial create, so the engine records the resource (with an init
 * error) and the next `up` finishes it through `update` — no orphan in UMAPI, no duplicate.
 */
export class IncompleteCreateError extends PartialOutcomeError {
  constructor(kind: ResourceKind, object: string, id: string, properties: object, cause: Error) {
    super(kind, object, `create may or may not have been applied; the next pulumi up finishes it: ${cause.message}`, id, { ...properties, createIncomplete: true }, { errorCode: (cause as UmapiError).errorCode, cause });
  }
}

/** Errors after which UMAPI may or may not have applied the request. */
export function isUncertain(err: unknown): err is UmapiError {
  return err instanceof TransportError || err instanceof ThrottledError || err instanceof ResponseFormatError;
}

/** Runs a create; an uncertain failure becomes an IncompleteCreateError carrying the resource's id. */
export async function guardCreate<T>(kind: ResourceKind, object: string, id: string, properties: object, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (isUncertain(err)) throw new IncompleteCreateError(kind, object, id, properties, err);
    throw wrapUmapiError(kind, object, "create", err);
  }
}
