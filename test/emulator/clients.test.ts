/**
 * Several clients (Developer Console integrations) of one org (reference §6.1, §7): each has its
 * own credentials, tokens and per-client windows; all together stay under the global limits; the
 * metrics count each client.
 */
import { describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { GLOBAL_THROTTLE_PER_MINUTE, THROTTLE_PER_MINUTE } from "../../provider/umapi/limits";
import { getToken, Umapi } from "./helpers";

/** One test client per org client, each with its own token. */
async function clientsOf(emu: RunningEmulator): Promise<Umapi[]> {
  return Promise.all(emu.clients.map(async (c) => new Umapi({ ...emu, ...c }, await getToken({ ...emu, ...c }))));
}

const noop = [{ usergroup: "Nobody", do: [{ updateUserGroup: { description: "x" } }] }];

describe("several clients of one org", () => {
  it("issues each client its own tokens and accepts a token only with its own client id", async () => {
    const emu = await startEmulator({ clients: 2, throttle: false });
    try {
      expect(emu.clients.map((c) => c.clientId)).toEqual(["emulator-client-id", "emulator-client-id-2", "emulator-client-id-3"]);
      const [first, second] = await clientsOf(emu);
      expect((await second!.groups()).status).toBe(200);
      const crossed = new Umapi(emu, second!.token); // client 2's token with client 1's API key
      expect((await crossed.groups()).status).toBe(403);
      const wrongSecret = await fetch(emu.imsUrl, { method: "POST", body: new URLSearchParams({ grant_type: "client_credentials", client_id: emu.clients[1]!.clientId, client_secret: emu.clientSecret }) });
      expect(wrongSecret.status).toBe(401);
      expect((await first!.groups()).status).toBe(200);
    } finally {
      await emu.close();
    }
  });

  it("throttles each client in its own window: one client's 429 leaves the others alone", async () => {
    const emu = await startEmulator({ clients: 1 });
    try {
      const [a, b] = await clientsOf(emu);
      const statuses = async (api: Umapi, n: number) => {
        const out: number[] = [];
        for (let i = 0; i < n; i++) out.push((await api.action(noop, { testOnly: true })).status);
        return out;
      };
      expect(await statuses(a!, THROTTLE_PER_MINUTE.action + 1)).toEqual([...Array(THROTTLE_PER_MINUTE.action).fill(200), 429]);
      expect(await statuses(b!, THROTTLE_PER_MINUTE.action)).toEqual(Array(THROTTLE_PER_MINUTE.action).fill(200));
      expect(emu.metrics().byClient).toEqual({
        "emulator-client-id": { requests: 11, action: 11, throttled: 1 },
        "emulator-client-id-2": { requests: 10, action: 10, throttled: 0 },
      });
      expect(new Set(emu.requests().filter((r) => r.endpointClass === "action").map((r) => r.clientId))).toEqual(new Set(["emulator-client-id", "emulator-client-id-2"]));
    } finally {
      await emu.close();
    }
  });

  it("holds all clients together to the global limit, at the documented 100 a minute by default", async () => {
    expect(GLOBAL_THROTTLE_PER_MINUTE.action).toBe(100);
    const emu = await startEmulator({ clients: 11 });
    try {
      const apis = await clientsOf(emu);
      const results = await Promise.all(apis.map(async (api) => {
        const out: number[] = [];
        for (let i = 0; i < THROTTLE_PER_MINUTE.action; i++) out.push((await api.action(noop, { testOnly: true })).status);
        return out;
      }));
      const ok = results.flat().filter((s) => s === 200).length;
      expect(ok).toBe(100); // 12 clients x 10 allowed each, 100 for all of them
      expect(results.flat().filter((s) => s === 429)).toHaveLength(20);
    } finally {
      await emu.close();
    }
  });

  it("takes a configured global limit, and answers its 429 with the global window's Retry-After", async () => {
    const emu = await startEmulator({ clients: 2, globalThrottle: { action: 15 } });
    try {
      const [a, b, c] = await clientsOf(emu);
      for (let i = 0; i < 10; i++) expect((await a!.action(noop, { testOnly: true })).status).toBe(200);
      for (let i = 0; i < 5; i++) expect((await b!.action(noop, { testOnly: true })).status).toBe(200);
      const refused = await c!.action(noop, { testOnly: true });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(59);
      expect(emu.metrics().byClient["emulator-client-id-3"]).toEqual({ requests: 1, action: 1, throttled: 1 });
      expect((await c!.groups()).status).toBe(200); // other classes have their own global windows
    } finally {
      await emu.close();
    }
  });
});
