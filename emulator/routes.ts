/**
 * UMAPI routes under `/v2/usermanagement` (reference §2.1, E1–E5). Path segments are
 * percent-decoded; a group name or user string may itself contain `/`.
 */
import type { EndpointClass } from "../provider/umapi/limits";
import { checkCommands, runActions } from "./actions";
import { BadRequestError } from "./errors";
import { jsonResponse, parseBool, type EmuRequest, type EmuResponse } from "./http";
import { parsePage } from "./paging";
import { getUser, listGroups, listGroupUsers, listUsers, type QueryConfig } from "./queries";
import type { Recorder } from "./recorder";
import type { ActionConfig } from "./steps/context";
import type { OrgStore } from "./store";

export const UMAPI_PREFIX = "/v2/usermanagement";

export interface RouteCtx {
  store: OrgStore;
  query: QueryConfig;
  action: ActionConfig;
  recorder: Recorder;
  req: EmuRequest;
  /** The parsed JSON body (action requests), or INVALID_JSON. */
  body: unknown;
}

export interface UmapiRoute {
  cls: EndpointClass;
  method: "GET" | "POST";
  orgId: string;
  run(ctx: RouteCtx): EmuResponse;
  /** Listing routes: the page asked for, and the same listing at another page (for listing faults). */
  page?: number;
  runAt?(ctx: RouteCtx, page: number): EmuResponse;
}

function listing(cls: EndpointClass, orgId: string, pageSegment: string, at: (c: RouteCtx, page: number) => EmuResponse): UmapiRoute {
  const page = parsePage(pageSegment);
  return { cls, method: "GET", orgId, page, run: (c) => at(c, page), runAt: at };
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new BadRequestError("error", `Invalid percent-encoding in path segment: ${segment}`);
  }
}

/** Matches a path below the UMAPI prefix, or returns null (404). */
export function matchUmapi(subPath: string): UmapiRoute | null {
  const raw = subPath.replace(/\/+$/, "").split("/").slice(1);
  const [head, orgSeg, third, ...rest] = raw;
  if (orgSeg === undefined) return null;
  const orgId = decode(orgSeg);
  if (head === "action" && third === undefined) return { cls: "action", method: "POST", orgId, run: runAction };
  if (head === "groups" && third !== undefined && rest.length === 0) {
    return listing("groups", orgId, third, (c, page) => listGroups(c.store, c.query, page));
  }
  if (head === "users" && third !== undefined && rest.length === 0) {
    return listing("users", orgId, third, (c, page) => listUsers(c.store, c.query, page, c.req.query));
  }
  if (head === "users" && third !== undefined) {
    const group = rest.map(decode).join("/");
    return listing("usersByGroup", orgId, third, (c, page) => listGroupUsers(c.store, c.query, page, group, c.req.query));
  }
  if (head === "organizations" && third === "users" && rest.length > 0 && rest[0] !== "") {
    const userString = rest.map(decode).join("/");
    return { cls: "user", method: "GET", orgId, run: (c) => getUser(c.store, userString, c.req.query) };
  }
  return null;
}

/** E1: `?testOnly=true` validates without changing anything (reference §4.3). */
function runAction(c: RouteCtx): EmuResponse {
  const commands = checkCommands(c.body, c.action);
  const testOnly = parseBool(c.req.query.get("testOnly"), false);
  c.recorder.countCommands(commands.length, testOnly);
  return jsonResponse(200, runActions(c.store, c.action, commands, testOnly));
}
