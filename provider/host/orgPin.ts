/**
 * Org pinning: every resource records the org it was created or adopted in (output `orgId`), and
 * nothing is sent for a resource recorded in another org than the one this run's credentials name.
 * `umapi:allowedOrgIds` (or UMAPI_ALLOWED_ORG_IDS) refuses a run against any org not listed, as
 * the AWS provider's `allowed_account_ids` does. Org ids are not secret.
 */
import type { ResourceKind } from "../resources/types";
import { ResourceError } from "./errors";

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** A resource recorded in another org, or a run against an org that is not allowed. Nothing was sent. */
export class WrongOrgError extends ResourceError {
  readonly recordedOrgId?: string;
  readonly currentOrgId: string;
  constructor(kind: ResourceKind, object: string, message: string, orgs: { recorded?: string; current: string }) {
    super(kind, object, message, { errorCode: "wrong_org" });
    this.recordedOrgId = orgs.recorded;
    this.currentOrgId = orgs.current;
  }
}

/** `a@AdobeOrg,b@AdobeOrg` or a JSON array; undefined when not set. */
export function parseAllowedOrgIds(value: string | undefined): string[] | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const list = value.trim().startsWith("[") ? (JSON.parse(value) as unknown) : value.split(",");
  if (!Array.isArray(list) || list.some((x) => typeof x !== "string")) throw new Error(`umapi:allowedOrgIds must be a comma-separated list or a JSON array of org ids, got ${value}`);
  return list.map((x: string) => x.trim()).filter(Boolean);
}

/** Refuses the operation before any request when the org is not allowed or not the recorded one. */
export function assertOrg(kind: ResourceKind, object: string, current: string, allowed: string[] | undefined, recorded: unknown): void {
  if (allowed && !allowed.some((a) => same(a, current))) {
    throw new WrongOrgError(
      kind,
      object,
      `this run's credentials are for org ${current}, which umapi:allowedOrgIds does not list (${allowed.join(", ")}): nothing was sent. ` +
        "Check umapi:orgId / UMAPI_ORG_ID and the client credentials of this stack, or add the org to umapi:allowedOrgIds if it is meant to be managed here.",
      { current },
    );
  }
  if (typeof recorded === "string" && recorded !== "" && !same(recorded, current)) {
    throw new WrongOrgError(
      kind,
      object,
      `was created or adopted in org ${recorded}, but this run's credentials are for org ${current}: nothing was sent. ` +
        `Point umapi:orgId (or UMAPI_ORG_ID) and the client id and secret at ${recorded} (pulumi config set umapi:orgId ${recorded}), or manage ${current} from a stack of its own.`,
      { recorded, current },
    );
  }
}
