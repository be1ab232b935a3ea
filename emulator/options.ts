/** `EmulatorOptions` with every default filled in (the resolved, internal form). */
import { GLOBAL_THROTTLE_PER_MINUTE, THROTTLE_PER_MINUTE, UMAPI_LIMITS, type EndpointClass } from "../provider/umapi/limits";
import type { AppConfig } from "./app";
import { DEFAULT_ORG_ID, defaultSeed, generateOrg, mergeSeeds, parseSeed } from "./seed";
import type { ThrottleLimits } from "./throttle";
import type { EmulatorOptions, FaultSpec, OrgSeed } from "./types";
import { validateFaultSpec } from "./faults";

export const DEFAULT_CLIENT_ID = "emulator-client-id";
export const DEFAULT_CLIENT_SECRET = "emulator-client-secret";
export const DEFAULT_TOKEN_LIFETIME_SECONDS = 86399;

export interface ResolvedOptions {
  port: number;
  /** The starting org (a factory so a large generated org is not kept in memory for resets). */
  startSeed: () => OrgSeed;
  statePath?: string;
  timeScale: number;
  throttle: ThrottleLimits | null;
  globalThrottle: ThrottleLimits | null;
  faults: FaultSpec | null;
  app: AppConfig;
}

function positive(name: string, value: number | undefined, fallback: number): number {
  const v = value ?? fallback;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`${name} must be a positive number, got ${String(value)}`);
  return v;
}

const ENDPOINT_CLASSES: readonly EndpointClass[] = ["action", "users", "user", "usersByGroup", "groups"];

/** true/undefined: the defaults; false: off; an object overrides some classes' limits. */
function throttleLimits(option: EmulatorOptions["throttle"], defaults: Record<EndpointClass, number>, name: string): ThrottleLimits | null {
  if (option === false) return null;
  if (option === true || option === undefined) return { ...defaults };
  const limits: ThrottleLimits = { ...defaults };
  for (const cls of ENDPOINT_CLASSES) {
    if (option[cls] !== undefined) limits[cls] = positive(`${name}.${cls}`, option[cls], 1);
  }
  return limits;
}

function clientsOf(opts: EmulatorOptions, first: { clientId: string; clientSecret: string }): { clientId: string; clientSecret: string }[] {
  const more = opts.clients ?? [];
  const extra = typeof more === "number" ? Array.from({ length: more }, (_, i) => ({ clientId: `${DEFAULT_CLIENT_ID}-${i + 2}`, clientSecret: `${DEFAULT_CLIENT_SECRET}-${i + 2}` })) : more;
  const all = [first, ...extra];
  const ids = new Set(all.map((c) => c.clientId));
  if (ids.size !== all.length) throw new Error("clients: every client needs its own clientId");
  return all;
}

function startSeed(opts: EmulatorOptions): () => OrgSeed {
  const base = opts.seed ? parseSeed(opts.seed) : defaultSeed;
  const size = opts.generate;
  return size ? () => mergeSeeds(base, generateOrg(size)) : () => base;
}

export function resolveOptions(opts: EmulatorOptions = {}): ResolvedOptions {
  const seed = opts.seed ?? defaultSeed;
  const timeScale = positive("timeScale", opts.timeScale, 1);
  const creds = opts.credentials ?? {};
  const first = { clientId: creds.clientId ?? DEFAULT_CLIENT_ID, clientSecret: creds.clientSecret ?? DEFAULT_CLIENT_SECRET };
  return {
    port: opts.port ?? 0,
    startSeed: startSeed(opts),
    statePath: opts.statePath,
    timeScale,
    throttle: throttleLimits(opts.throttle, THROTTLE_PER_MINUTE, "throttle"),
    globalThrottle: opts.throttle === false ? null : throttleLimits(opts.globalThrottle, GLOBAL_THROTTLE_PER_MINUTE, "globalThrottle"),
    faults: opts.faults ? validateFaultSpec(opts.faults) : null,
    app: {
      auth: {
        orgId: creds.orgId ?? seed.orgId ?? DEFAULT_ORG_ID,
        ...first,
        clients: clientsOf(opts, first),
        jwtPublicKeyPem: creds.jwtPublicKeyPem,
        tokenLifetimeSeconds: positive("tokenLifetimeSeconds", opts.tokenLifetimeSeconds, DEFAULT_TOKEN_LIFETIME_SECONDS),
        timeScale,
      },
      query: {
        usersPageSize: positive("pageSizes.users", opts.pageSizes?.users, UMAPI_LIMITS.usersPageSize),
        groupsPageSize: positive("pageSizes.groups", opts.pageSizes?.groups, UMAPI_LIMITS.groupsPageSize),
      },
      action: {
        commandsPerRequest: UMAPI_LIMITS.commandsPerRequest,
        stepsPerCommand: UMAPI_LIMITS.stepsPerCommand,
        entriesPerList: positive("entriesPerList", opts.entriesPerList, UMAPI_LIMITS.entriesPerList),
        userGroupMaxMembers: UMAPI_LIMITS.userGroupMaxMembersForAdd,
      },
    },
  };
}
