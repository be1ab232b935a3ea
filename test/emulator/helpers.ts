/**
 * Test helpers: start an emulator on a random port, get an IMS token, call UMAPI over real HTTP.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { resolve } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { startEmulator, type EmulatorOptions, type OrgSeed, type RunningEmulator } from "../../emulator";
import type { ActionResponse, Group, User } from "../../provider/umapi/schema";
import { TEST_ORG_BASE } from "../support/seeds";

export interface Reply<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export interface UsersPage {
  lastPage: boolean;
  result: string;
  groupName?: string;
  users: User[];
  message?: string;
}

export interface GroupsPage {
  lastPage: boolean;
  result: string;
  groups: Group[];
}

async function reply<T>(res: Response): Promise<Reply<T>> {
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : undefined) as T };
}

/** What a client needs to reach an emulator (what the CLI prints on its first line). */
export type EmulatorEndpoints = Pick<RunningEmulator, "umapiUrl" | "imsUrl" | "orgId" | "clientId" | "clientSecret">;

export async function getToken(emu: EmulatorEndpoints): Promise<string> {
  const res = await fetch(emu.imsUrl, {
    method: "POST",
    body: new URLSearchParams({ grant_type: "client_credentials", client_id: emu.clientId, client_secret: emu.clientSecret }),
  });
  const body = (await res.json()) as { access_token: string };
  return body.access_token;
}

/** A minimal UMAPI client for tests: every call goes over HTTP with a valid token and API key. */
export class Umapi<E extends EmulatorEndpoints = RunningEmulator> {
  constructor(readonly emu: E, readonly token: string) {}

  headers(extra: Record<string, string> = {}): Record<string, string> {
    return { authorization: `Bearer ${this.token}`, "x-api-key": this.emu.clientId, ...extra };
  }

  async get<T = unknown>(path: string, headers: Record<string, string> = {}): Promise<Reply<T>> {
    return reply<T>(await fetch(`${this.emu.umapiUrl}${path}`, { headers: this.headers(headers) }));
  }

  users(page: number | string = 0, query = ""): Promise<Reply<UsersPage>> {
    return this.get(`/users/${this.emu.orgId}/${page}${query}`);
  }

  user(userString: string, query = ""): Promise<Reply<{ result: string; user?: User; message?: string }>> {
    return this.get(`/organizations/${this.emu.orgId}/users/${encodeURIComponent(userString)}${query}`);
  }

  groupUsers(group: string, page: number | string = 0, query = ""): Promise<Reply<UsersPage>> {
    return this.get(`/users/${this.emu.orgId}/${page}/${encodeURIComponent(group)}${query}`);
  }

  /** Every page of E4, following `lastPage`. */
  async allGroupUsers(group: string, query = ""): Promise<User[]> {
    const users: User[] = [];
    for (let page = 0; ; page++) {
      const res = await this.groupUsers(group, page, query);
      users.push(...res.body.users);
      if (res.body.lastPage) return users;
    }
  }

  groups(page: number | string = 0): Promise<Reply<GroupsPage>> {
    return this.get(`/groups/${this.emu.orgId}/${page}`);
  }

  async postRaw(body: string, query = ""): Promise<Reply<ActionResponse & { message?: string }>> {
    const res = await fetch(`${this.emu.umapiUrl}/action/${this.emu.orgId}${query}`, {
      method: "POST",
      headers: this.headers({ "content-type": "application/json" }),
      body,
    });
    return reply(res);
  }

  /** POST /action with the given commands; `testOnly` adds `?testOnly=true`. */
  action(commands: unknown, opts: { testOnly?: boolean } = {}): Promise<Reply<ActionResponse & { message?: string }>> {
    return this.postRaw(JSON.stringify(commands), opts.testOnly ? "?testOnly=true" : "");
  }
}

export async function connect(opts: EmulatorOptions = {}): Promise<Umapi> {
  const emu = await startEmulator({ throttle: false, ...opts });
  return new Umapi(emu, await getToken(emu));
}

/**
 * One emulator per test file (throttling off unless asked for), reset to `seed` before each use via
 * `fresh()`. Returns a getter because the emulator starts in beforeAll.
 */
export function useEmulator(opts: EmulatorOptions = {}): { api: () => Umapi; fresh: (seed?: OrgSeed) => Umapi } {
  let api: Umapi | undefined;
  beforeAll(async () => {
    api = await connect(opts);
  });
  afterAll(async () => {
    await api?.emu.close();
  });
  const get = () => {
    if (!api) throw new Error("emulator not started");
    return api;
  };
  return {
    api: get,
    fresh: (seed?: OrgSeed) => {
      get().emu.reset(seed);
      return get();
    },
  };
}

/** The state's groups of one user (direct memberships). */
export function groupsOf(api: Umapi, email: string): string[] | undefined {
  return api.emu.state().users.find((u) => u.email.toLowerCase() === email.toLowerCase())?.groups;
}

/** A seed with the default org's domains and profiles plus the given extras. */
export function seedWith(extra: OrgSeed): OrgSeed {
  return {
    ...TEST_ORG_BASE,
    ...extra,
  };
}

export const enterprise = (email: string, groups: string[] = []) => ({
  type: "enterpriseID" as const,
  email,
  firstname: "First",
  lastname: "Last",
  country: "US",
  groups,
});

/** The compiled CLI (build with `npx tsc -p .` first). */
export const CLI = resolve(__dirname, "../../dist/emulator/cli.js");

export interface StartedCli {
  child: ChildProcessWithoutNullStreams;
  /** The JSON object the CLI prints as its first stdout line. */
  info: EmulatorEndpoints;
}

/** Spawns `umapi-emulator` with `args` and resolves once it has printed its first line. */
export function startCli(args: string[]): Promise<StartedCli> {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: "pipe" });
  return new Promise((ok, fail) => {
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const newline = out.indexOf("\n");
      if (newline >= 0) ok({ child, info: JSON.parse(out.slice(0, newline)) as EmulatorEndpoints });
    });
    child.once("exit", (code) => fail(new Error(`CLI exited early with ${code}`)));
  });
}

/** Sends SIGTERM and resolves with the exit code. */
export function stopCli(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return new Promise((ok) => {
    child.once("exit", (code) => ok(code));
    child.kill("SIGTERM");
  });
}
