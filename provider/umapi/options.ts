/** Client options: every public field optional with a documented default; `resolveOptions` fills them. */
import { PRODUCTION_IMS_URL, PRODUCTION_UMAPI_URL } from "./limits";
import { RequestError } from "./errors";

export interface UmapiLogger {
  debug?(message: string): void;
  info?(message: string): void;
  warn?(message: string): void;
}

export interface WaitEvent {
  reason: "throttle" | "rate-limit" | "retry";
  endpointClass: string;
  delayMs: number;
  attempt: number;
  status?: number;
  requestId?: string;
}

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

export interface UmapiClientOptions {
  /** Org id, e.g. `12345@AdobeOrg`. Default: env `UMAPI_ORG_ID`. */
  orgId?: string;
  /** Client id (API key). Default: env `UMAPI_CLIENT_ID`. */
  clientId?: string;
  /** Client secret. Default: env `UMAPI_CLIENT_SECRET`. Never logged. */
  clientSecret?: string;
  /**
   * More clients (Developer Console integrations) of the same org: requests spread over all of them,
   * each within its own per-client limits, all together within the global ones. Default: env
   * `UMAPI_CLIENTS` (a JSON array of `{clientId, clientSecret}`), else none. OAuth only.
   */
  pool?: ClientCredentials[];
  /** The limits "for all clients" of a pool (requests per minute). Default: UMAPI's documented global limits. */
  globalRateLimits?: Partial<Record<"action" | "users" | "user" | "usersByGroup" | "groups", number>>;
  /** UMAPI base URL. Default: env `UMAPI_URL`, else Adobe production. */
  umapiUrl?: string;
  /** IMS token endpoint. Default: env `UMAPI_IMS_URL`, else `https://ims-na1.adobelogin.com/ims/token/v3`. */
  imsUrl?: string;
  /** Legacy JWT auth (deprecated by Adobe, end of life 2026-03-01). */
  jwt?: { privateKeyPem: string; technicalAccountId: string; exchangeUrl?: string };
  /** Per-request timeout. Default 120 000 ms (Adobe's client). */
  timeoutMs?: number;
  /** Total attempts per request, first included. Default 4 (Adobe's client). */
  maxAttempts?: number;
  /** Longest single wait the client accepts (Retry-After or backoff), in seconds. Default: env `UMAPI_MAX_WAIT_SECONDS`, else 900. */
  maxWaitSeconds?: number;
  /** First backoff delay in seconds when no Retry-After is given. Default 15 (Adobe's client). */
  backoffFirstDelaySeconds?: number;
  /** Divides rate-limit windows and backoff delays; for tests and benchmarks against a time-scaled emulator. Default: env `UMAPI_TIME_SCALE`, else 1. */
  timeScale?: number;
  /** Client-side throttle per endpoint class (requests per minute); `false` disables. Default: UMAPI's documented per-client limits. */
  rateLimits?: false | Partial<Record<"action" | "users" | "user" | "usersByGroup" | "groups", number>>;
  /**
   * Send membership changes of several users to one user group as user-group commands (up to 100
   * changes a command). Default: env `UMAPI_PACK_GROUP_SIDE` ("false" turns it off), else true.
   */
  packGroupSide?: boolean;
  /**
   * Send every action request with `testOnly=true` (reference §4.3): UMAPI validates the commands
   * and changes nothing. For a preview that UMAPI has checked. Default false.
   */
  testOnly?: boolean;
  /**
   * With `testOnly`: user groups the plan being validated creates. testOnly creates nothing, so a
   * user step adding someone to such a group would be refused although the real run creates the
   * group first: those entries are left out of the validation.
   */
  plannedGroups?: string[];
  /** Commands per action request, at most 10. Default 10; 1 sends one command a request (for comparison). */
  commandsPerRequest?: number;
  /** Application User-Agent prefix. */
  userAgent?: string;
  fetch?: typeof fetch;
  logger?: UmapiLogger;
  /** Called for every wait (rate limit, Retry-After, backoff). */
  onWait?: (e: WaitEvent) => void;
  /** Injected clock and sleeper, for tests. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export type ResolvedOptions = Required<
  Omit<UmapiClientOptions, "jwt" | "logger" | "onWait" | "rateLimits" | "userAgent" | "globalRateLimits">
> &
  Pick<UmapiClientOptions, "jwt" | "logger" | "onWait" | "userAgent" | "globalRateLimits"> & {
    rateLimits: UmapiClientOptions["rateLimits"];
  };

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\]|::1)$/i;

/** https is required, except on loopback addresses (the emulator). */
export function assertSecureUrl(raw: string, what: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new RequestError(`${what} is not a valid URL: "${raw}"`);
  }
  if (url.protocol === "https:") return raw.replace(/\/+$/, "");
  if (url.protocol === "http:" && LOOPBACK.test(url.hostname)) return raw.replace(/\/+$/, "");
  throw new RequestError(`${what} must use https (plain http is only allowed on loopback addresses): "${url.origin}"`);
}

function envNumber(env: NodeJS.ProcessEnv, key: string): number | undefined {
  const v = env[key];
  if (v === undefined || v === "") return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new RequestError(`${key} must be a positive number, got "${v}"`);
  return n;
}

function required(value: string | undefined, option: string, envKey: string): string {
  if (!value) throw new RequestError(`Missing UMAPI credential: set the ${option} option or the ${envKey} environment variable`);
  return value;
}

/**
 * The pool's other clients: the option, else `UMAPI_CLIENTS`; the primary client and repeats are
 * left out. Errors never echo a secret.
 */
export function parsePool(value: ClientCredentials[] | string | undefined, primaryClientId: string | undefined, where = "UMAPI_CLIENTS"): ClientCredentials[] {
  if (value === undefined || value === "") return [];
  let list: unknown = value;
  if (typeof value === "string") {
    try {
      list = JSON.parse(value);
    } catch {
      throw new RequestError(`${where} must be a JSON array of {"clientId": "...", "clientSecret": "..."} objects (it is not valid JSON)`);
    }
  }
  if (!Array.isArray(list)) throw new RequestError(`${where} must be a JSON array of {"clientId": "...", "clientSecret": "..."} objects`);
  const seen = new Set(primaryClientId ? [primaryClientId] : []);
  const pool: ClientCredentials[] = [];
  list.forEach((entry: unknown, i) => {
    const e = entry as Partial<ClientCredentials> | null;
    if (typeof e !== "object" || e === null || typeof e.clientId !== "string" || !e.clientId || typeof e.clientSecret !== "string" || !e.clientSecret) {
      throw new RequestError(`${where}[${i}] needs a non-empty "clientId" and "clientSecret" (strings)`);
    }
    if (seen.has(e.clientId)) return;
    seen.add(e.clientId);
    pool.push({ clientId: e.clientId, clientSecret: e.clientSecret });
  });
  return pool;
}

export function resolveOptions(opts: UmapiClientOptions, env: NodeJS.ProcessEnv = process.env): ResolvedOptions {
  const rawPool = opts.pool ?? env.UMAPI_CLIENTS;
  const poolList = parsePool(rawPool, undefined, opts.pool ? "the pool option" : "UMAPI_CLIENTS");
  // A pool alone is enough: its first client is then the primary one.
  const clientId = opts.clientId ?? env.UMAPI_CLIENT_ID ?? poolList[0]?.clientId;
  const clientSecret = opts.clientSecret ?? env.UMAPI_CLIENT_SECRET ?? (clientId === poolList[0]?.clientId ? poolList[0]?.clientSecret : undefined);
  const pool = parsePool(poolList, clientId);
  if (opts.jwt && pool.length > 0) throw new RequestError("A pool of clients needs OAuth Server-to-Server credentials: JWT (Service Account) credentials cannot be pooled");
  return {
    orgId: required(opts.orgId ?? env.UMAPI_ORG_ID, "orgId", "UMAPI_ORG_ID"),
    clientId: required(clientId, "clientId", "UMAPI_CLIENT_ID"),
    clientSecret: required(clientSecret, "clientSecret", "UMAPI_CLIENT_SECRET"),
    pool,
    globalRateLimits: opts.globalRateLimits,
    umapiUrl: assertSecureUrl(opts.umapiUrl ?? env.UMAPI_URL ?? PRODUCTION_UMAPI_URL, "UMAPI URL"),
    imsUrl: assertSecureUrl(opts.imsUrl ?? env.UMAPI_IMS_URL ?? PRODUCTION_IMS_URL, "IMS URL"),
    jwt: opts.jwt,
    timeoutMs: opts.timeoutMs ?? 120_000,
    maxAttempts: opts.maxAttempts ?? 4,
    maxWaitSeconds: opts.maxWaitSeconds ?? envNumber(env, "UMAPI_MAX_WAIT_SECONDS") ?? 900,
    backoffFirstDelaySeconds: opts.backoffFirstDelaySeconds ?? 15,
    timeScale: opts.timeScale ?? envNumber(env, "UMAPI_TIME_SCALE") ?? 1,
    rateLimits: opts.rateLimits,
    commandsPerRequest: Math.min(10, Math.max(1, opts.commandsPerRequest ?? 10)),
    testOnly: opts.testOnly ?? false,
    plannedGroups: opts.plannedGroups ?? [],
    packGroupSide: opts.packGroupSide ?? (env.UMAPI_PACK_GROUP_SIDE ?? "true").toLowerCase() !== "false",
    userAgent: opts.userAgent,
    fetch: opts.fetch ?? globalThis.fetch,
    logger: opts.logger,
    onWait: opts.onWait,
    now: opts.now ?? Date.now,
    sleep: opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))),
    random: opts.random ?? Math.random,
  };
}
