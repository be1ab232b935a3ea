/** Errors raised by resources: they name the resource kind, the object and, when UMAPI refused, its error code. */
import { CommandError, UmapiError } from "../umapi/errors";
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
