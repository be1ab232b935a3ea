/**
 * Public types of the UMAPI emulator: seeds, state snapshots, options, faults, metrics and the
 * running-emulator handle. Everything here is plain data (JSON-serialisable).
 */
import type { EndpointClass } from "../provider/umapi/limits";
import type { GroupType } from "../provider/umapi/schema";

export type Directory = "enterpriseID" | "federatedID";
export type UserType = "adobeID" | "enterpriseID" | "federatedID";

/** A seed org (JSON or YAML file, `POST /__emulator/seed`, `reset(seed)`). */
export interface OrgSeed {
  /** Ignored by a running emulator, whose org id is fixed at start (see `EmulatorOptions.credentials`). */
  orgId?: string;
  domains?: { name: string; directory: Directory }[];
  productProfiles?: { name: string; productName: string; licenseQuota?: string }[];
  userGroups?: { name: string; description?: string; readOnly?: boolean; productProfiles?: string[] }[];
  users?: SeedUser[];
}

export interface SeedUser {
  type: UserType;
  email: string;
  /** Default: the email. A non-email username needs `domain` (federatedID only). */
  username?: string;
  /** Default: the email's domain. */
  domain?: string;
  firstname?: string;
  lastname?: string;
  country?: string;
  /** User groups, product profiles and admin groups (`_org_admin`, `_admin_<group>`, `_support_admin`, ...). */
  groups?: string[];
}

export interface StateUser {
  id: string;
  type: UserType;
  email: string;
  username: string;
  domain: string;
  firstname?: string;
  lastname?: string;
  country?: string;
  status: string;
  /** Direct memberships, sorted case-insensitively. */
  groups: string[];
}

export interface StateGroup {
  groupId: number;
  groupName: string;
  type: GroupType;
  description?: string;
  isReadOnly?: boolean;
  productName?: string;
  licenseQuota?: string;
  /** User groups only: the product profiles attached to the group, sorted. */
  productProfiles?: string[];
  memberCount: number;
}

/** The whole org, sorted deterministically (users by lower-case email, groups by lower-case name). */
export interface OrgStateJson {
  orgId: string;
  domains: { name: string; directory: Directory }[];
  users: StateUser[];
  groups: StateGroup[];
}

export type ListingFaultKind = "truncated" | "pageTwice" | "countMismatch";

export interface ListingFault {
  kind: ListingFaultKind;
  endpoints?: ("users" | "usersByGroup" | "groups")[];
  times?: number;
}

export interface FaultSpec {
  /** Probabilities 0..1, drawn per UMAPI request (never IMS or the control plane). */
  status502?: number;
  status503?: number;
  status504?: number;
  /** Random 429 with `Retry-After` = retryAfterSeconds (default 1) / timeScale, rounded up, min 1. */
  status429?: number;
  retryAfterSeconds?: number;
  /** Destroy the socket without a response, before processing. */
  connectionReset?: number;
  /** Action requests only: apply the commands, then destroy the socket. */
  responseLost?: number;
  /** Real milliseconds added to every UMAPI request. */
  latencyMs?: number;
  /** After `afterRequests` UMAPI requests (default 0), every UMAPI request gets 429 until reset. */
  longThrottle?: { retryAfterSeconds: number; afterRequests?: number };
  /**
   * A listing that contradicts itself (reference §3.1), on the listing endpoints (default all three):
   * `truncated` says lastPage on page 0 of a longer listing; `pageTwice` answers page 1 with page 0
   * again; `countMismatch` inflates page 0's X-Total-Count by 1,000. `times` listings are affected
   * (counted where the fault shows: page 0, or page 1 for pageTwice), then the fault is spent;
   * without it, every listing.
   */
  listing?: ListingFault;
  /** Seed of the fault PRNG (default 1): the same seed gives the same fault sequence. */
  seed?: number;
}

export type ThrottleOption = boolean | Partial<Record<EndpointClass, number>>;

export interface EmulatorOptions {
  /** Port on 127.0.0.1. Default 0 (random). */
  port?: number;
  /** Default: `defaultSeed`. */
  seed?: OrgSeed;
  /** A generated org (see `generateOrg`) merged into the seed. */
  generate?: { users: number; groups: number };
  /** Persist the org here after each mutation (tmp file + rename); loaded at start if it exists. */
  statePath?: string;
  /** Default 1. Divides throttle windows, token lifetimes and Retry-After values. */
  timeScale?: number;
  /** Default true (THROTTLE_PER_MINUTE); false disables; an object overrides per endpoint class. */
  throttle?: ThrottleOption;
  faults?: FaultSpec;
  credentials?: { orgId?: string; clientId?: string; clientSecret?: string; jwtPublicKeyPem?: string };
  /**
   * More clients (Developer Console integrations) of the org, each with its own credentials, tokens
   * and per-client throttle windows; a number N generates N (`emulator-client-id-2`, ...).
   */
  clients?: number | { clientId: string; clientSecret: string }[];
  /** The limits for all clients together (reference §6.1). Default true (GLOBAL_THROTTLE_PER_MINUTE); false disables; an object overrides per class. Off when `throttle` is false. */
  globalThrottle?: ThrottleOption;
  /** Default 86399. */
  tokenLifetimeSeconds?: number;
  /** Defaults 2000 users / 400 groups per page. */
  pageSizes?: { users?: number; groups?: number };
  /** Default 10 (UMAPI_LIMITS.entriesPerList). */
  entriesPerList?: number;
}

export interface EmulatorMetrics {
  requests: { action: number; users: number; user: number; usersByGroup: number; groups: number; ims: number; total: number };
  throttled: number;
  throttledByClass: Record<string, number>;
  actionCommands: number;
  actionCommandsTestOnly: number;
  faults: { status502: number; status503: number; status504: number; status429: number; connectionReset: number; responseLost: number; truncated: number; pageTwice: number; countMismatch: number };
  unauthorized: number;
  /** UMAPI requests per client that passed authentication: all, action requests, and 429s. */
  byClient: Record<string, { requests: number; action: number; throttled: number }>;
}

export type FaultKind = keyof EmulatorMetrics["faults"];

export interface RecordedRequest {
  at: number;
  method: string;
  path: string;
  endpointClass: string | null;
  /** 0 when the connection was reset before a response. */
  status: number;
  requestId?: string;
  /** Parsed JSON body of action requests. Never headers, tokens or secrets. */
  body?: unknown;
  /** Set when an injected fault decided the outcome. */
  fault?: FaultKind;
  /** The client whose token the request carried, once authenticated. */
  clientId?: string;
}

export interface RunningEmulator {
  umapiUrl: string;
  imsUrl: string;
  jwtExchangeUrl: string;
  controlUrl: string;
  orgId: string;
  clientId: string;
  clientSecret: string;
  /** Every client of the org, the first being `clientId`. */
  clients: { clientId: string; clientSecret: string }[];
  port: number;
  metrics(): EmulatorMetrics;
  requests(): RecordedRequest[];
  /** Access tokens the IMS endpoint has issued (for tests that prove tokens never leak). */
  issuedTokens(): string[];
  state(): OrgStateJson;
  reset(seed?: OrgSeed): void;
  resetMetrics(): void;
  setFaults(f: FaultSpec | null): void;
  close(): Promise<void>;
}
