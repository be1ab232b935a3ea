/**
 * Integration helpers: the real UmapiClient against an in-process emulator over HTTP. One emulator per
 * test file, reset to a seed before each test; clients are cheap and made per test.
 */
import { afterAll, beforeAll } from "vitest";
import { startEmulator, type EmulatorOptions, type OrgSeed, type RunningEmulator, type SeedUser, type StateUser } from "../../emulator";
import { UmapiClient, type UmapiClientOptions } from "../../provider/umapi";
import { TEST_ORG_BASE } from "../support/seeds";

/**
 * A client for `emu`. Defaults suited to tests: no client-side rate limit (each test picks its own),
 * backoff shrunk 1000× with no jitter, and no `UMAPI_*` variables read from the environment.
 */
export function clientFor(emu: RunningEmulator, overrides: UmapiClientOptions = {}): UmapiClient {
  return new UmapiClient(
    {
      orgId: emu.orgId,
      clientId: emu.clientId,
      clientSecret: emu.clientSecret,
      umapiUrl: emu.umapiUrl,
      imsUrl: emu.imsUrl,
      rateLimits: false,
      timeScale: 1000,
      random: () => 0,
      ...overrides,
    },
    {},
  );
}

/** Starts one emulator for the file (throttling off unless asked for); `fresh(seed)` resets it. */
export function useEmulator(opts: EmulatorOptions = {}): { emu: () => RunningEmulator; fresh: (seed?: OrgSeed) => RunningEmulator } {
  let running: RunningEmulator | undefined;
  beforeAll(async () => {
    running = await startEmulator({ throttle: false, ...opts });
  });
  afterAll(async () => {
    await running?.close();
  });
  const emu = () => {
    if (!running) throw new Error("emulator not started");
    return running;
  };
  return {
    emu,
    fresh: (seed?: OrgSeed) => {
      emu().reset(seed);
      return emu();
    },
  };
}

/** The emulator's view of one user (direct memberships), or undefined. */
export function userIn(emu: RunningEmulator, email: string): StateUser | undefined {
  return emu.state().users.find((u) => u.email.toLowerCase() === email.toLowerCase());
}

export function groupIn(emu: RunningEmulator, name: string) {
  return emu.state().groups.find((g) => g.groupName.toLowerCase() === name.toLowerCase());
}

/** Bodies of the action requests the emulator received, in order. */
export function actionBodies(emu: RunningEmulator): unknown[] {
  return emu.requests().filter((r) => r.endpointClass === "action").map((r) => r.body);
}

/** Paths of the requests of one endpoint class, in order. */
export function pathsOf(emu: RunningEmulator, cls: string): string[] {
  const prefix = new URL(emu.umapiUrl).pathname;
  return emu.requests().filter((r) => r.endpointClass === cls).map((r) => r.path.replace(prefix, "").replace(emu.orgId, "{orgId}"));
}

/** Replaces the emulator's random port, the org id and request ids so messages can be inline snapshots. */
export function scrub(text: string, emu: RunningEmulator): string {
  return text
    .split(`127.0.0.1:${emu.port}`)
    .join("emulator")
    .split(emu.orgId)
    .join("{orgId}")
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}_\d+/g, "{requestId}");
}

export async function collect<T>(iter: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of iter) out.push(x);
  return out;
}

/** The error a promise rejects with (fails the test if it resolves). */
export async function rejectionOf(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected the promise to reject");
}

export interface Tapped {
  method: string;
  url: string;
  requestHeaders: Headers;
  status: number;
  responseHeaders: Headers;
  responseText: string;
}

/** A fetch that passes through to the real one and records each exchange (headers included). */
export function tapFetch(): { fetch: typeof fetch; calls: Tapped[] } {
  const calls: Tapped[] = [];
  const tapped: typeof fetch = async (input, init) => {
    const res = await fetch(input, init);
    const text = await res.clone().text();
    calls.push({
      method: init?.method ?? "GET",
      url: String(input),
      requestHeaders: new Headers(init?.headers),
      status: res.status,
      responseHeaders: res.headers,
      responseText: text,
    });
    return res;
  };
  return { fetch: tapped, calls };
}

export const enterprise = (email: string, groups: string[] = []): SeedUser => ({
  type: "enterpriseID",
  email,
  firstname: "First",
  lastname: "Last",
  country: "US",
  groups,
});

/**
 * The org most tests start from. Photoshop Users has 2 licences: alice and bob hold it directly,
 * carol through Designers (so she is its third, unlicensed member).
 */
export const ORG: OrgSeed = {
  ...TEST_ORG_BASE,
  userGroups: [
    { name: "Designers", description: "Design team", productProfiles: ["Photoshop Users"] },
    { name: "Shared Designers", description: "Shared from the parent org", readOnly: true, productProfiles: ["Acrobat Pro Users"] },
  ],
  users: [
    enterprise("owner@example.com", ["_org_admin"]),
    enterprise("alice@example.com", ["Photoshop Users", "Designers"]),
    enterprise("bob@example.com", ["Photoshop Users"]),
    enterprise("carol@example.com", ["Designers", "_admin_Designers"]),
    enterprise("dave@example.com", ["Shared Designers"]),
    { type: "adobeID", email: "eve@gmail.com", firstname: "Eve" },
    { type: "federatedID", email: "fred@fed.example.com", username: "fred", domain: "fed.example.com", firstname: "Fred", lastname: "Fed", country: "DE" },
  ],
};
