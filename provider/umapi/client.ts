/**
 * UmapiClient: queries (paged, async-iterable) and actions (batched) over the send pipeline
 * http → auth → throttle → retry. Knows HTTP and UMAPI, nothing of Pulumi.
 */
import type { z } from "zod";
import { JwtTokenProvider, OAuthTokenProvider, type TokenProvider } from "./auth";
import { ActionBatcher, completedOutcome, type CommandOutcome } from "./batcher";
import { CommandError, NotFoundError, Redactor, RequestError, ResponseFormatError, type CommandIssue } from "./errors";
import { GLOBAL_THROTTLE_PER_MINUTE, THROTTLE_PER_MINUTE, UMAPI_LIMITS, type EndpointClass } from "./limits";
import type { MembershipChange } from "./membership";
import { readListing, type ListingSpec } from "./listing";
import { iteratePages, pageHeaders, type Page } from "./paging";
import { withAuth, withRetry, withThrottle } from "./pipeline";
import { resolveOptions, type ClientCredentials, type ResolvedOptions, type UmapiClientOptions } from "./options";
import { sharedLimiter, SoonestPicker, type SlidingWindowLimiter } from "./ratelimit";
import {
  ActionResponseSchema,
  ErrorBodySchema,
  GroupsPageSchema,
  UserResponseSchema,
  UsersByGroupPageSchema,
  UsersPageSchema,
  type Command,
  type Group,
  type User,
} from "./schema";
import { httpSend, type Send, type UmapiRequest, type UmapiResponse } from "./transport";

export interface UsersQuery {
  domain?: string;
  /** Default true (UMAPI's default): product profiles held through user groups are not listed. */
  directOnly?: boolean;
  /** Start at this 0-based page (to continue a listing). */
  fromPage?: number;
}

export interface UsersInGroupQuery {
  directOnly?: boolean;
  /** Product profiles only: members with (active) or without (inactive) a license. */
  status?: "active" | "inactive";
  excludeGroups?: boolean;
}

export type RequestCounts = Record<EndpointClass | "ims", number>;

export class UmapiClient {
  readonly orgId: string;
  readonly options: ResolvedOptions;
  /** Requests sent per endpoint class, attempts included: the machine-independent cost of an operation. */
  readonly requestCounts: RequestCounts = { action: 0, users: 0, user: 0, usersByGroup: 0, groups: 0, ims: 0 };
  /** Commands sent in action requests (retries not counted again), real and testOnly. */
  readonly commandCounts = { real: 0, testOnly: 0 };
  private readonly redactor = new Redactor();
  private readonly lanes: Lane[];
  private readonly readPicker: SoonestPicker;
  private plannedSet?: Set<string>;
  private readonly limiters = new Map<string, SlidingWindowLimiter>();
  private readonly batcher: ActionBatcher;

  constructor(options: UmapiClientOptions = {}, env: NodeJS.ProcessEnv = process.env) {
    const o = (this.options = resolveOptions(options, env));
    this.orgId = o.orgId;
    const raw = httpSend({ fetch: o.fetch, timeoutMs: o.timeoutMs, userAgent: o.userAgent });
    const counted: Send = (req) => {
      this.requestCounts[req.endpointClass]++;
      return raw(req);
    };
    const hooks = { now: o.now, random: o.random, sleep: o.sleep, onWait: o.onWait, redactor: this.redactor };
    const policy = { maxAttempts: o.maxAttempts, maxWaitSeconds: o.maxWaitSeconds, backoffFirstDelaySeconds: o.backoffFirstDelaySeconds, timeScale: o.timeScale };
    const imsSend = withRetry(counted, policy, hooks);
    // One lane per client of the pool: its own token and per-client limits; all share the org's global limits.
    this.lanes = [{ clientId: o.clientId, clientSecret: o.clientSecret }, ...o.pool].map((credentials) => {
      this.redactor.add(credentials.clientSecret);
      const tokens = this.tokenProvider(imsSend, credentials);
      const limiters = (cls: string) => [this.limiter(credentials.clientId, cls), this.globalLimiter(cls)].filter((l): l is SlidingWindowLimiter => l !== undefined);
      const send = withRetry(withThrottle(withAuth(counted, tokens, credentials.clientId), limiters, o.onWait), policy, hooks);
      return { clientId: credentials.clientId, send, limiters };
    });
    this.readPicker = new SoonestPicker(this.lanes.length);
    this.batcher = new ActionBatcher((cmds, testOnly, lane) => this.postActions(cmds, testOnly, lane), {
      commandsPerRequest: o.commandsPerRequest,
      groupSide: o.packGroupSide,
      now: o.now,
      lanes: this.lanes.length,
      delayUntilSlot: (lane) => this.laneDelay(lane, "action"),
      sleep: o.sleep,
    });
  }

  /** The clients of the pool, in order (the first is `clientId`). */
  get clientIds(): string[] {
    return this.lanes.map((l) => l.clientId);
  }

  // ---- queries (reference §3) ----
  // Listings are read whole and checked against their own paging headers (./listing): a listing
  // that contradicts itself is read once more and then refused, never returned short.

  /** Raw pages of the users listing, unchecked (the paging layer; callers use readUsers/listUsers). */
  usersPages(q: UsersQuery = {}): AsyncGenerator<Page<User>> {
    return iteratePages((page) => this.usersPage(page, q), q.fromPage);
  }

  /** One page of the users listing, unchecked: the org view reads page 0 to learn the org's size. */
  usersPage(page: number, q: UsersQuery = {}): Promise<Page<User>> {
    return this.getPage(`users/${this.org()}/${page}`, "users", UsersPageSchema, { domain: q.domain, directOnly: q.directOnly ?? true }, (b) => b.users);
  }

  /** Every user in the org, checked; `seed` holds pages 0.. already read with the same query. */
  readUsers(q: UsersQuery = {}, seed: Page<User>[] = []): Promise<User[]> {
    const spec = userListing(`GET users/${this.orgId}${q.domain ? `?domain=${q.domain}` : ""}`);
    return readListing(spec, (page) => this.usersPage(page, q), seed);
  }

  listUsers(q: UsersQuery = {}): AsyncGenerator<User> {
    return each(() => this.readUsers(q));
  }

  /** One user by email or username (case-insensitive); undefined when UMAPI answers 404. */
  async getUser(userString: string, q: { domain?: string } = {}): Promise<User | undefined> {
    const path = `organizations/${this.org()}/users/${encodeURIComponent(userString).replace(/%40/g, "@")}`;
    try {
      const { body } = await this.getJson(path, "user", UserResponseSchema, { domain: q.domain });
      return body.user;
    } catch (err) {
      if (err instanceof NotFoundError) return undefined;
      throw err;
    }
  }

  /** Members of a user group, product profile or admin group, checked; empty when the group does not exist. */
  readUsersInGroup(group: string, q: UsersInGroupQuery = {}): Promise<User[]> {
    const spec = userListing(`GET users/${this.orgId}/{page}/${group}`);
    return readListing(spec, (page) => this.usersInGroupPage(group, page, q));
  }

  /** One page of a group's members, unchecked; an empty last page when the group does not exist. */
  async usersInGroupPage(group: string, page: number, q: UsersInGroupQuery = {}): Promise<Page<User>> {
    try {
      const query = { directOnly: q.directOnly, status: q.status, excludeGroups: q.excludeGroups };
      return await this.getPage(`users/${this.org()}/${page}/${encodeURIComponent(group)}`, "usersByGroup", UsersByGroupPageSchema, query, (b) => b.users);
    } catch (err) {
      if (err instanceof NotFoundError) return { items: [], lastPage: true };
      throw err;
    }
  }

  listUsersInGroup(group: string, q: UsersInGroupQuery = {}): AsyncGenerator<User> {
    return each(() => this.readUsersInGroup(group, q));
  }

  /** Raw pages of the groups listing, unchecked (the paging layer; callers use readGroups/listGroups). */
  groupsPages(): AsyncGenerator<Page<Group>> {
    return iteratePages((page) => this.groupsPage(page));
  }

  /** User groups, product profiles and admin groups (400 a page), checked. */
  readGroups(): Promise<Group[]> {
    const spec = { endpoint: `GET groups/${this.orgId}`, pageSize: UMAPI_LIMITS.groupsPageSize, key: (g: Group) => g.groupName.toLowerCase() };
    return readListing(spec, (page) => this.groupsPage(page));
  }

  listGroups(): AsyncGenerator<Group> {
    return each(() => this.readGroups());
  }

  private groupsPage(page: number): Promise<Page<Group>> {
    return this.getPage(`groups/${this.org()}/${page}`, "groups", GroupsPageSchema, {}, (b) => b.groups);
  }

  // ---- actions (reference §4) ----

  /** Queues a command for the next action request; resolves with its outcome (never throws for command errors). */
  execute(command: Command, options: { testOnly?: boolean } = {}): Promise<CommandOutcome> {
    const testOnly = options.testOnly ?? this.options.testOnly;
    if (!testOnly || this.planned.size === 0) return this.batcher.submit(command, { testOnly });
    const sent = this.forValidation(command);
    if (!sent) return Promise.resolve(completedOutcome());
    // Steps are numbered as the caller wrote its command.
    const toCaller = (i: CommandIssue) => ({ ...i, step: i.step === undefined ? undefined : sent.originalStep[i.step] });
    return this.batcher.submit(sent.command, { testOnly }).then((o) => ({ ...o, issues: o.issues.map(toCaller), warnings: o.warnings.map(toCaller) }));
  }

  /** Like execute, but throws a CommandError naming the UMAPI error code when the command did not complete. */
  async run(command: Command, options: { testOnly?: boolean } = {}): Promise<CommandOutcome> {
    const outcome = await this.execute(command, options);
    if (!outcome.completed) {
      const target = "user" in command ? command.user : command.usergroup;
      const step = outcome.issues[0]?.step;
      const stepName = step === undefined ? undefined : Object.keys(command.do[step] ?? {})[0];
      throw new CommandError(target, outcome.issues, { requestId: outcome.requestIds.at(-1), endpointClass: "action", stepName });
    }
    return outcome;
  }

  redact(text: string): string {
    return this.redactor.redact(text);
  }

  /** Queues one membership change; it may travel packed with other users' changes to the same user group. */
  changeMembership(change: MembershipChange, options: { testOnly?: boolean } = {}): Promise<CommandOutcome> {
    const testOnly = options.testOnly ?? this.options.testOnly;
    if (testOnly && this.planned.has(change.group.toLowerCase())) return Promise.resolve(completedOutcome());
    return this.batcher.submitMembership(change, { testOnly });
  }

  private get planned(): Set<string> {
    return (this.plannedSet ??= new Set(this.options.plannedGroups.map((g) => g.toLowerCase())));
  }

  /**
   * A command as a validation sends it when the plan creates a user group: user steps naming the
   * group are left out (testOnly creates nothing, so they would be refused although the real run
   * creates the group first), and the group's own commands start with its create, which testOnly
   * validates them against. Undefined when nothing is left to send.
   */
  private forValidation(command: Command): { command: Command; originalStep: (number | undefined)[] } | undefined {
    const all = command.do.map((_, i) => i);
    if (!("user" in command)) {
      if (!this.planned.has(command.usergroup.toLowerCase()) || command.do.some((s) => "createUserGroup" in s)) return { command, originalStep: all };
      return { command: { ...command, do: [{ createUserGroup: { option: "ignoreIfAlreadyExists" } }, ...command.do] }, originalStep: [undefined, ...all] };
    }
    const kept: { step: (typeof command.do)[number]; original: number }[] = [];
    command.do.forEach((step, original) => {
      const [name, value] = Object.entries(step)[0] as [string, unknown];
      if ((name !== "add" && name !== "remove") || typeof value !== "object" || value === null) return void kept.push({ step, original });
      const groups = ((value as { group?: string[] }).group ?? []).filter((g) => !this.planned.has(g.toLowerCase()));
      if (groups.length > 0) kept.push({ step: { [name]: { ...value, group: groups } } as typeof step, original });
    });
    return kept.length > 0 ? { command: { ...command, do: kept.map((k) => k.step) }, originalStep: kept.map((k) => k.original) } : undefined;
  }

  /** Like changeMembership, but throws a CommandError naming the UMAPI error code when the change did not apply. */
  async runMembership(change: MembershipChange, options: { testOnly?: boolean } = {}): Promise<CommandOutcome> {
    const outcome = await this.changeMembership(change, options);
    if (!outcome.completed) throw new CommandError(change.user, outcome.issues, { requestId: outcome.requestIds.at(-1), endpointClass: "action", stepName: change.op });
    return outcome;
  }

  private async postActions(commands: Command[], testOnly: boolean, lane: number) {
    const url = `${this.options.umapiUrl}/action/${this.org()}${testOnly ? "?testOnly=true" : ""}`;
    const res = await this.lanes[lane]!.send({ method: "POST", url, endpointClass: "action", body: commands });
    this.commandCounts[testOnly ? "testOnly" : "real"] += commands.length;
    const body = this.parse(res, { method: "POST", url, endpointClass: "action" }, ActionResponseSchema);
    return { response: body, requestId: res.requestId };
  }

  // ---- plumbing ----

  private org(): string {
    return encodeURIComponent(this.orgId).replace(/%40/g, "@");
  }

  private tokenProvider(send: Send, credentials: ClientCredentials): TokenProvider {
    const o = this.options;
    if (o.jwt) {
      const exchangeUrl = o.jwt.exchangeUrl ?? new URL("/ims/exchange/jwt", o.imsUrl).toString();
      return new JwtTokenProvider(send, this.redactor, o.now, { ...o.jwt, exchangeUrl, orgId: o.orgId, ...credentials });
    }
    return new OAuthTokenProvider(send, this.redactor, o.now, { ...o, ...credentials });
  }

  /** The lane whose client can read soonest (round robin among equals): reads spread over the pool. */
  private pickLane(cls: EndpointClass): Lane {
    return this.lanes[this.lanes.length === 1 ? 0 : this.readPicker.pick((i) => this.laneDelay(i, cls))!]!;
  }

  /** Milliseconds until a lane's client may send to an endpoint class (its own limit and the global one). */
  private laneDelay(lane: number, cls: string): number {
    return Math.max(0, ...this.lanes[lane]!.limiters(cls).map((l) => l.delayUntilFree()));
  }

  /** One client's limit for an endpoint class, shared by every UmapiClient of this process using that client. */
  private limiter(clientId: string, cls: string): SlidingWindowLimiter | undefined {
    const o = this.options;
    if (o.rateLimits === false || cls === "ims") return undefined;
    const perMinute = (o.rateLimits && o.rateLimits[cls as EndpointClass]) ?? THROTTLE_PER_MINUTE[cls as EndpointClass];
    return this.windowFor(`${clientId}|${o.umapiUrl}|${cls}`, perMinute);
  }

  /** The limit "for all clients" (reference §6.1): every client of the pool together stays under it. */
  private globalLimiter(cls: string): SlidingWindowLimiter | undefined {
    const o = this.options;
    if (o.rateLimits === false || cls === "ims" || this.lanes.length === 1) return undefined;
    return this.windowFor(`global|${o.orgId}|${o.umapiUrl}|${cls}`, o.globalRateLimits?.[cls as EndpointClass] ?? GLOBAL_THROTTLE_PER_MINUTE[cls as EndpointClass]);
  }

  private windowFor(key: string, perMinute: number): SlidingWindowLimiter {
    let l = this.limiters.get(key);
    if (!l) {
      const o = this.options;
      l = sharedLimiter(key, perMinute, 60_000 / o.timeScale, o.now, o.sleep);
      this.limiters.set(key, l);
    }
    return l;
  }

  private async getPage<S extends z.ZodType, T>(
    path: string,
    cls: EndpointClass,
    schema: S,
    query: Record<string, string | boolean | undefined>,
    items: (b: z.output<S>) => T[],
  ): Promise<Page<T>> {
    const { body, res } = await this.getJson(path, cls, schema, query);
    const lastPage = (body as { lastPage?: boolean }).lastPage ?? false;
    return { items: items(body), lastPage, ...pageHeaders(res.headers) };
  }

  private async getJson<S extends z.ZodType>(path: string, cls: EndpointClass, schema: S, query: Record<string, string | boolean | undefined>) {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined) qs.set(k, String(v));
    const url = `${this.options.umapiUrl}/${path}${qs.size > 0 ? "?" + qs.toString() : ""}`;
    const req: UmapiRequest = { method: "GET", url, endpointClass: cls };
    const res = await this.pickLane(cls).send(req);
    return { body: this.parse(res, req, schema), res };
  }

  /** Turns a response into its parsed body or the right error class. */
  private parse<S extends z.ZodType>(res: UmapiResponse, req: UmapiRequest, schema: S): z.output<S> {
    const where = `${req.method} ${req.url.split("?")[0]}`;
    const ctx = { status: res.status, requestId: res.requestId, endpointClass: req.endpointClass as EndpointClass };
    const json = tryJson(res.text);
    if (res.status !== 200) {
      const err = ErrorBodySchema.safeParse(json);
      const code = err.success ? (err.data.result ?? err.data.errorCode ?? err.data.error_code) : undefined;
      const msg = err.success ? err.data.message : undefined;
      const text = `UMAPI answered HTTP ${res.status} to ${where}${code ? ` [${code}]` : ""}${msg ? `: ${this.redact(msg)}` : ""} (request id ${res.requestId})`;
      if (res.status === 404) throw new NotFoundError(text, { ...ctx, errorCode: code });
      throw new RequestError(text, { ...ctx, errorCode: code });
    }
    if (json === undefined) {
      const snippet = res.text.slice(0, 80).replace(/\s+/g, " ");
      const effect = req.method === "POST" ? "its commands may or may not have been applied: re-run to converge" : "nothing was recorded from it";
      throw new ResponseFormatError(`UMAPI answered HTTP 200 to ${where} with a body that is not JSON ("${snippet}…"); ${effect} (request id ${res.requestId})`, ctx);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const at = issue?.path.join(".") || "(root)";
      throw new ResponseFormatError(`UMAPI answered ${where} with an unexpected shape at "${at}": ${issue?.message} (request id ${res.requestId})`, ctx);
    }
    return parsed.data;
  }
}

interface Lane {
  clientId: string;
  send: Send;
  limiters(cls: string): SlidingWindowLimiter[];
}

function tryJson(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A checked listing as an iterator: nothing is yielded until the whole listing has passed its check. */
async function* each<T>(read: () => Promise<T[]>): AsyncGenerator<T> {
  yield* await read();
}

/**
 * UMAPI counts technical accounts (one per Developer Console integration) in a users listing's
 * X-Total-Count but leaves them out of its pages (reference §3.1): up to this many may be missing.
 */
export const UNLISTED_TECHNICAL_ACCOUNTS = 25;

function userListing(endpoint: string): ListingSpec<User> {
  return {
    endpoint,
    pageSize: UMAPI_LIMITS.usersPageSize,
    key: (u) => (u.id ?? u.email ?? `${u.username}@@${u.domain}`).toLowerCase(),
    uncountedAllowance: UNLISTED_TECHNICAL_ACCOUNTS,
  };
}
