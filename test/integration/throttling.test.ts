/**
 * Reference §6: per-client limits, 429 + Retry-After, and long throttles. The emulator runs 60×
 * faster (a "minute" window lasts 1 s) with small limits, so each test takes a second or two.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { ThrottledError, UmapiClient, userCommand, userSteps, type WaitEvent } from "../../provider/umapi";
import { clientFor, ORG, rejectionOf, scrub } from "./helpers";

const create = (email: string) =>
  userCommand({ user: email }, [userSteps.createEnterpriseID({ email, firstname: "New", lastname: "User", country: "US" })]);

/** 40 creates (4 action requests) and 6 single-user reads, all at once. */
function burst(client: UmapiClient) {
  return Promise.all([
    Promise.all(Array.from({ length: 40 }, (_, i) => client.execute(create(`t${i}@example.com`)))),
    Promise.all(Array.from({ length: 6 }, () => client.getUser("alice@example.com"))),
  ]);
}

function throttledEmulator(): () => RunningEmulator {
  let emu: RunningEmulator | undefined;
  beforeAll(async () => {
    emu = await startEmulator({ seed: ORG, timeScale: 60, throttle: { action: 2, user: 3 } });
  });
  afterAll(() => emu?.close());
  return () => emu!;
}

describe("429 with Retry-After: the client waits as told and completes (§6.1, §6.3)", () => {
  const emu = throttledEmulator();

  it("with its own rate limiter off it meets 429s, reports each wait, and every call still succeeds", async () => {
    const waits: WaitEvent[] = [];
    const client = clientFor(emu(), { rateLimits: false, onWait: (e) => waits.push(e) });
    const [outcomes, users] = await burst(client);
    expect(outcomes.every((o) => o.completed)).toBe(true);
    expect(users.every((u) => u?.email === "alice@example.com")).toBe(true);
    expect(emu().state().users.filter((u) => u.email.startsWith("t"))).toHaveLength(40);

    const { throttled } = emu().metrics();
    expect(throttled).toBeGreaterThan(0);
    expect(waits).toHaveLength(throttled);
    // Retry-After is whole seconds, already scaled by the server: the client waits exactly that.
    for (const w of waits) expect(w).toMatchObject({ reason: "throttle", status: 429, delayMs: 1000 });
    expect(new Set(waits.map((w) => w.endpointClass))).toEqual(new Set(["action", "user"]));
  });
});

describe("the client's own limiter at the server's limits avoids 429s (§6.1)", () => {
  const emu = throttledEmulator();

  it("sends the same burst without a single 429", async () => {
    const started = Date.now();
    const sleeps: number[] = [];
    const sleep = (ms: number) => (sleeps.push(ms), new Promise<void>((r) => setTimeout(r, ms)));
    const client = clientFor(emu(), { rateLimits: { action: 2, user: 3 }, timeScale: 60, sleep });
    const [outcomes] = await burst(client);
    expect(outcomes.every((o) => o.completed)).toBe(true);
    expect(emu().metrics()).toMatchObject({ throttled: 0, requests: { action: 4, user: 6 } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000); // it did wait for the next window
    // Callers waiting while every slot is in flight sleep until the earliest a slot can free, not forever.
    for (const ms of sleeps) expect(ms).toBeLessThanOrEqual(1000);
  });
});

describe("a throttle longer than the client will wait fails fast, with a clear message (§6.2)", () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startEmulator({ seed: ORG, throttle: false });
  });
  afterAll(() => emu.close());
  beforeEach(() => {
    emu.reset(ORG);
  });

  it("Retry-After: 3600 beyond maxWaitSeconds (default 900) is a ThrottledError at once", async () => {
    emu.setFaults({ longThrottle: { retryAfterSeconds: 3600 } });
    const started = Date.now();
    const err = await rejectionOf(clientFor(emu).getUser("alice@example.com"));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(err).toBeInstanceOf(ThrottledError);
    expect(err).toMatchObject({ status: 429, retryAfterSeconds: 3600, endpointClass: "user" });
    expect(scrub(err.message, emu)).toMatchInlineSnapshot(
      `"UMAPI throttled GET http://emulator/v2/usermanagement/organizations/{orgId}/users/alice@example.com and asked to wait 3600 s, more than the configured cap (maxWaitSeconds / UMAPI_MAX_WAIT_SECONDS). Re-run later, or raise the cap to wait it out."`,
    );
    expect(emu.metrics().requests.user).toBe(1);
  });

  it("an action meets the same error and nothing is changed", async () => {
    emu.setFaults({ longThrottle: { retryAfterSeconds: 3600 } });
    const err = await rejectionOf(clientFor(emu).execute(create("jane@example.com")));
    expect(err).toBeInstanceOf(ThrottledError);
    expect(emu.state().users.find((u) => u.email === "jane@example.com")).toBeUndefined();
  });

  it("UMAPI_MAX_WAIT_SECONDS lowers the cap", async () => {
    emu.setFaults({ longThrottle: { retryAfterSeconds: 60 } });
    const client = new UmapiClient(
      { orgId: emu.orgId, clientId: emu.clientId, clientSecret: emu.clientSecret, umapiUrl: emu.umapiUrl, imsUrl: emu.imsUrl, rateLimits: false },
      { UMAPI_MAX_WAIT_SECONDS: "30" },
    );
    expect(await rejectionOf(client.getUser("alice@example.com"))).toMatchObject({ name: "ThrottledError", retryAfterSeconds: 60 });
  });

  it("short waits that never end give up after maxAttempts", async () => {
    emu.setFaults({ longThrottle: { retryAfterSeconds: 1 } });
    const err = await rejectionOf(clientFor(emu, { maxAttempts: 2 }).getUser("alice@example.com"));
    expect(err).toBeInstanceOf(ThrottledError);
    expect(scrub(err.message, emu)).toMatchInlineSnapshot(
      `"UMAPI still throttled GET http://emulator/v2/usermanagement/organizations/{orgId}/users/alice@example.com after 2 attempts (last Retry-After 1 s)."`,
    );
    expect(emu.metrics().requests.user).toBe(2);
  });
});
