/**
 * The emulator as a pure `(request) => Promise<response>` app: the control plane, IMS, and UMAPI.
 * A UMAPI request goes: injected faults -> auth (401/403) -> throttle (429) -> org id (400) ->
 * endpoint. Every IMS and UMAPI request is counted and recorded (without headers or secrets).
 */
import type { EndpointClass } from "../provider/umapi/limits";
import { INVALID_JSON, parseJson } from "./actions";
import { checkUmapiAuth, exchangeJwt, issueToken, type AuthConfig, type TokenStore } from "./auth";
import { CONTROL_PREFIX, handleControl, type Controller } from "./control";
import { BadOrgError, GatewayFaultError, renderError, RouteError, ThrottledError } from "./errors";
import type { FaultDecision, FaultInjector } from "./faults";
import type { ListingFaultKind } from "./types";
import type { EmuRequest, EmuResponse } from "./http";
import type { QueryConfig } from "./queries";
import type { Recorder } from "./recorder";
import { matchUmapi, UMAPI_PREFIX, type UmapiRoute } from "./routes";
import type { ActionConfig } from "./steps/context";
import type { OrgStore } from "./store";
import type { Throttle } from "./throttle";
import type { FaultKind } from "./types";

export interface AppConfig {
  auth: AuthConfig;
  query: QueryConfig;
  action: ActionConfig;
}

export interface AppDeps {
  config: AppConfig;
  store(): OrgStore;
  tokens: TokenStore;
  throttle: Throttle;
  faults: FaultInjector;
  recorder: Recorder;
  control: Controller;
  now(): number;
  sleep(ms: number): Promise<void>;
}

export type App = (req: EmuRequest) => Promise<EmuResponse>;

interface Outcome {
  cls: EndpointClass | "ims" | null;
  res: EmuResponse;
  body?: unknown;
  fault?: FaultKind;
  /** The client whose token the request carried (after auth). */
  clientId?: string;
}

const under = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}/`);

export function createApp(d: AppDeps): App {
  return async (req) => {
    if (under(req.path, CONTROL_PREFIX)) return guard(() => handleControl(d.control, req, req.path.slice(CONTROL_PREFIX.length)));
    if (under(req.path, "/ims")) return finish(d, req, req.path, await ims(d, req));
    if (under(req.path, UMAPI_PREFIX)) {
      const qs = req.query.toString();
      return finish(d, req, qs ? `${req.path}?${qs}` : req.path, await umapi(d, req, req.path.slice(UMAPI_PREFIX.length)));
    }
    return renderError(new RouteError(404, `Nothing here: ${req.path}`));
  };
}

async function guard(fn: () => EmuResponse | Promise<EmuResponse>): Promise<EmuResponse> {
  try {
    return await fn();
  } catch (e) {
    return renderError(e);
  }
}

function withRequestId(req: EmuRequest, res: EmuResponse): EmuResponse {
  const id = req.headers["x-request-id"];
  return id === undefined ? res : { ...res, headers: { ...res.headers, "x-request-id": id } };
}

/** Counts and records a served request; `path` never includes IMS query strings (they may carry secrets). */
function finish(d: AppDeps, req: EmuRequest, path: string, o: Outcome): EmuResponse {
  d.recorder.countStatus(o.cls, o.res.status, o.clientId);
  d.recorder.record({
    at: d.now(),
    method: req.method,
    path,
    endpointClass: o.cls,
    status: o.res.status,
    ...(req.headers["x-request-id"] !== undefined && { requestId: req.headers["x-request-id"] }),
    ...(o.body !== undefined && { body: o.body }),
    ...(o.fault !== undefined && { fault: o.fault }),
    ...(o.clientId !== undefined && { clientId: o.clientId }),
  });
  return withRequestId(req, o.res);
}

async function ims(d: AppDeps, req: EmuRequest): Promise<Outcome> {
  d.recorder.countRequest("ims");
  const res = await guard(() => {
    if (req.method !== "POST") throw new RouteError(405, "IMS endpoints accept POST only");
    const path = req.path.replace(/\/+$/, "");
    if (path === "/ims/token/v2" || path === "/ims/token/v3") return issueToken(d.config.auth, d.tokens, req);
    if (path === "/ims/exchange/jwt") return exchangeJwt(d.config.auth, d.tokens, req);
    throw new RouteError(404, `No IMS endpoint at ${req.path}`);
  });
  return { cls: "ims", res };
}

async function umapi(d: AppDeps, req: EmuRequest, subPath: string): Promise<Outcome> {
  let route: UmapiRoute | null;
  try {
    route = matchUmapi(subPath);
  } catch (e) {
    d.recorder.countRequest(null);
    return { cls: null, res: renderError(e) };
  }
  d.recorder.countRequest(route?.cls ?? null);
  if (!route) return { cls: null, res: renderError(new RouteError(404, `No UMAPI endpoint at ${req.path}`)) };
  const parsed = route.cls === "action" ? parseJson(req.body) : undefined;
  const outcome: Outcome = { cls: route.cls, res: { status: 0, headers: {} } };
  if (parsed !== INVALID_JSON && parsed !== undefined) outcome.body = parsed;
  outcome.res = await guard(() => serveUmapi(d, req, route, parsed, outcome));
  return outcome;
}

async function serveUmapi(d: AppDeps, req: EmuRequest, route: UmapiRoute, body: unknown, o: Outcome): Promise<EmuResponse> {
  if (d.faults.latencyMs > 0) await d.sleep(d.faults.latencyMs);
  const fault = d.faults.before();
  if (fault) {
    o.fault = fault.kind;
    d.recorder.countFault(fault.kind);
    return faultResponse(fault);
  }
  if (req.method !== route.method) throw new RouteError(405, `${route.cls} accepts ${route.method} only`);
  const clientId = (o.clientId = checkUmapiAuth(d.tokens, req));
  const retryAfter = d.throttle.check(clientId, route.cls);
  if (retryAfter !== null) throw new ThrottledError(retryAfter);
  if (route.orgId !== d.config.auth.orgId) throw new BadOrgError();
  const { config, recorder } = d;
  const ctx = { store: d.store(), query: config.query, action: config.action, recorder, req, body };
  const res = route.run(ctx);
  const listingFault = route.page === undefined ? null : d.faults.listingFault(route.cls, route.page);
  if (listingFault) {
    o.fault = listingFault;
    d.recorder.countFault(listingFault);
    return withListingFault(listingFault, res, () => route.runAt!(ctx, route.page! - 1));
  }
  if (route.cls === "action" && d.faults.loseResponse()) {
    o.fault = "responseLost";
    d.recorder.countFault("responseLost");
    return { ...res, destroy: true };
  }
  return res;
}

/** A listing page that contradicts the rest of its listing (FaultSpec.listing). */
function withListingFault(kind: ListingFaultKind, res: EmuResponse, previousPage: () => EmuResponse): EmuResponse {
  if (res.status !== 200 || !res.body) return res;
  switch (kind) {
    case "truncated": {
      const body = JSON.parse(res.body) as { lastPage?: boolean };
      return { ...res, body: JSON.stringify({ ...body, lastPage: true }) };
    }
    case "pageTwice":
      return previousPage();
    case "countMismatch":
      return { ...res, headers: { ...res.headers, "x-total-count": String(Number(res.headers["x-total-count"] ?? 0) + 1000) } };
  }
}

function faultResponse(fault: FaultDecision): EmuResponse {
  switch (fault.kind) {
    case "connectionReset":
      return { status: 0, headers: {}, destroy: true };
    case "status429":
      return renderError(new ThrottledError(fault.retryAfterSeconds));
    default:
      return renderError(new GatewayFaultError(fault.kind === "status502" ? 502 : fault.kind === "status503" ? 503 : 504));
  }
}
