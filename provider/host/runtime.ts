/**
 * The provider process's one UMAPI client and org view, shared by every resource type so that the
 * rate limiter, the batcher and the snapshot see all calls. It lives in this package's module
 * (resolved through node_modules by name), so every deserialized provider copy gets the same one.
 */
import { UmapiClient } from "../umapi/client";
import { parsePool, type UmapiClientOptions } from "../umapi/options";
import { parseAllowance, parseBudget, type Allowance } from "../orgfile/removalBrake";
import type { RemovalBudget } from "../orgfile/schema";
import { Breaker } from "./breaker";
import { OrgNotice } from "./orgNotice";
import { parseAllowedOrgIds } from "./orgPin";
import { Renames } from "./renames";
import { Claims } from "./claims";
import { OrgView, type ReadMode } from "./orgView";
import { startStatsFile } from "./stats";

export interface ConfigSource {
  get(key: string): string | undefined;
}

export interface ProviderSettings {
  /** `umapi:adopt`: adopt objects that already exist instead of failing. */
  adopt: boolean;
  /** `umapi:readMode`: "auto" (default), "snapshot" or "perObject" (one GET per object: slow, for comparison). */
  readMode: ReadMode;
  /** `umapi:allowedOrgIds`: the only orgs this stack may act on (unset: any). */
  allowedOrgIds?: string[];
  /** `umapi:removalBudget`: a count or a share of the org's users (default: the larger of 5 and 2%). */
  removalBudget?: RemovalBudget;
  /** `umapi:allowRefreshDrops` / UMAPI_ALLOW_REFRESH_DROPS: a refresh may drop this many objects. */
  allowRefreshDrops?: Allowance;
  /** `umapi:allowRemovals` / UMAPI_ALLOW_REMOVALS: a run may remove this many users and groups, or all. */
  allowRemovals?: Allowance;
}

export class Runtime {
  readonly view: OrgView;
  /** Resource ids whose pending replace was confirmed with allowReplace (recorded by diff, used by delete). */
  readonly confirmedReplaces = new Set<string>();

  /** Objects a refresh finds gone from the org and would drop from the stack. */
  readonly refreshDrops: Breaker;
  /** Users removed from the org (any onDelete mode) and user groups deleted, by destroy or update. */
  readonly removals: Breaker;

  constructor(
    readonly client: UmapiClient,
    readonly settings: ProviderSettings,
  ) {
    this.view = new OrgView(client, settings.readMode);
    this.refreshDrops = new Breaker(
      {
        refused: `refresh would drop it from the stack (it is not in org ${client.orgId})`,
        counted: "objects dropped from the stack",
        override: (n) =>
          "A refresh that finds this much of the stack gone is more often a wrong org or a bad read than a real deletion. " +
          `If the objects really are gone (deleted in the Admin Console), allow it for one run: UMAPI_ALLOW_REFRESH_DROPS=${n} pulumi refresh (or =all).`,
      },
      { budget: settings.removalBudget, allowance: settings.allowRefreshDrops },
      () => this.view.userCount(),
    );
    this.removals = new Breaker(
      {
        refused: "removing it would take this run past its removal budget",
        counted: "user removals and user-group deletions",
        override: (n) =>
          `If this many removals are meant (a destroy of adopted objects removes them from the org: see "pulumi stack rm --force" to stop managing them instead), allow them: ` +
          `UMAPI_ALLOW_REMOVALS=${n} (or =all) for one run, or pulumi config set umapi:allowRemovals ${n}, then run the same command again.`,
      },
      { budget: settings.removalBudget, allowance: settings.allowRemovals },
      () => this.view.userCount(),
    );
  }
}

let config: Record<string, string> = {};
let runtime: Runtime | undefined;

/** Called by the dynamic-provider host with the stack configuration (secrets arrive decrypted). */
export function configure(source: ConfigSource): void {
  const next: Record<string, string> = {};
  for (const k of CONFIG_KEYS) {
    const v = source.get(`umapi:${k}`);
    if (v !== undefined && v !== "") next[k] = v;
  }
  if (JSON.stringify(next) !== JSON.stringify(config)) runtime = undefined;
  config = next;
}

/** The shared runtime; credentials are read now, at call time, from config or the environment. */
export function getRuntime(env: NodeJS.ProcessEnv = process.env): Runtime {
  if (runtime) return runtime;
  runtime = createRuntime(config, env);
  startStatsFile(runtime.client.requestCounts, env);
  return runtime;
}

/**
 * A runtime from `umapi:*` values (keys without the prefix) and the environment. `client` options
 * override the configured ones (a validation run sends every action with testOnly).
 */
export function createRuntime(values: Record<string, string>, env: NodeJS.ProcessEnv = process.env, client: Partial<UmapiClientOptions> = {}): Runtime {
  const num = (v?: string) => (v === undefined ? undefined : Number(v));
  const options: UmapiClientOptions = {
    orgId: values.orgId,
    clientId: values.clientId,
    clientSecret: values.clientSecret,
    // More clients of the org (umapi:clients, a secret JSON array of {clientId, clientSecret}); else UMAPI_CLIENTS.
    pool: values.clients === undefined ? undefined : parsePool(values.clients, undefined, "umapi:clients"),
    umapiUrl: values.url,
    imsUrl: values.imsUrl,
    timeScale: num(values.timeScale),
    maxWaitSeconds: num(values.maxWaitSeconds),
    maxAttempts: num(values.maxAttempts ?? env.UMAPI_MAX_ATTEMPTS),
    commandsPerRequest: num(values.commandsPerRequest ?? env.UMAPI_COMMANDS_PER_REQUEST),
    userAgent: "pulumi-dynamic-provider",
    onWait: (e) => {
      if (e.delayMs >= 5_000) process.stderr.write(`umapi: waiting ${Math.ceil(e.delayMs / 1000)} s (${e.reason}, ${e.endpointClass})\n`);
    },
    ...client,
  };
  const adopt = (values.adopt ?? env.UMAPI_ADOPT ?? "false").toLowerCase() === "true";
  const readMode = (values.readMode ?? env.UMAPI_READ_MODE ?? "auto") as ReadMode;
  if (!["auto", "snapshot", "perObject"].includes(readMode)) throw new Error(`umapi:readMode must be "auto", "snapshot" or "perObject", got "${readMode}"`);
  const allowedOrgIds = parseAllowedOrgIds(values.allowedOrgIds ?? env.UMAPI_ALLOWED_ORG_IDS);
  const removalBudget = parseBudget(values.removalBudget ?? env.UMAPI_REMOVAL_BUDGET, "umapi:removalBudget");
  const allowRefreshDrops = parseAllowance(values.allowRefreshDrops ?? (env.UMAPI_ALLOW_REFRESH_DROPS || undefined), "umapi:allowRefreshDrops (UMAPI_ALLOW_REFRESH_DROPS)");
  const allowRemovals = parseAllowance(values.allowRemovals ?? (env.UMAPI_ALLOW_REMOVALS || undefined), "umapi:allowRemovals (UMAPI_ALLOW_REMOVALS)");
  return new Runtime(new UmapiClient(options, env), { adopt, readMode, allowedOrgIds, removalBudget, allowRefreshDrops, allowRemovals });
}

/** The `umapi:*` keys the provider reads. */
export const CONFIG_KEYS = ["orgId", "clientId", "clientSecret", "url", "imsUrl", "adopt", "timeScale", "maxWaitSeconds", "maxAttempts", "readMode", "commandsPerRequest", "allowedOrgIds", "removalBudget", "allowRefreshDrops", "allowRemovals", "clients"] as const;

/**
 * Makes `rt` the runtime the handlers use, in a process that is not the provider (the program,
 * validating its plan during a preview). Returns the function that puts the previous one back.
 */
export function installRuntime(rt: Runtime): () => void {
  const previous = runtime;
  runtime = rt;
  return () => {
    runtime = previous;
  };
}

/**
 * Group and user renames this process's diffs have seen, for the edges that name them. Part of the
 * same per-process state as the runtime, but needs no credentials: diff stays local.
 */
let renames: Renames | undefined;
export function processRenames(): Renames {
  return (renames ??= new Renames());
}

/** What this run declares, as this process's checks have seen it (claims.ts). */
let claims: Claims | undefined;
export function processClaims(): Claims {
  return (claims ??= new Claims());
}

/** The notice of the org refresh and destroy act on, printed once per process (see orgNotice.ts). */
let orgNotice: OrgNotice | undefined;
export function processOrgNotice(): OrgNotice {
  return (orgNotice ??= new OrgNotice());
}

/** For tests: forget the shared runtime, configuration, renames, claims and notice. */
export function resetRuntime(): void {
  runtime = undefined;
  renames = undefined;
  claims = undefined;
  orgNotice = undefined;
  config = {};
}
