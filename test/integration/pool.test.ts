/**
 * A pool of clients against the emulator with UMAPI's throttle on (time scale 60: a UMAPI minute
 * lasts a second). Requests spread over the clients, each within its own limits and all within the
 * global ones; a 429 slows only the client that received it; one client is today's behaviour.
 */
import { describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { userCommand, userSteps, type UmapiClientOptions } from "../../provider/umapi";
import { numberedUsers } from "../support/users";
import { clientFor } from "./helpers";

const SCALE = 60;

function poolClient(emu: RunningEmulator, size: number, extra: UmapiClientOptions = {}) {
  return clientFor(emu, { rateLimits: undefined, timeScale: SCALE, pool: emu.clients.slice(1, size), ...extra });
}

const creates = (emails: string[]) =>
  emails.map((email) => userCommand({ user: email }, [userSteps.createEnterpriseID({ email, firstname: "Pool", lastname: "User" }), userSteps.add(["Photoshop Users", "Acrobat Pro Users"])]));

const actionClients = (emu: RunningEmulator) => emu.requests().filter((r) => r.endpointClass === "action").map((r) => r.clientId!);

describe("a pool of clients", () => {
  it("spreads 300 creates over 3 clients in 30 requests, with no 429", async () => {
    const emu = await startEmulator({ clients: 2, timeScale: SCALE });
    try {
      const client = poolClient(emu, 3);
      expect(client.clientIds).toEqual(emu.clients.map((c) => c.clientId));
      const outcomes = await Promise.all(creates(numberedUsers(300).map((u) => u.email)).map((c) => client.execute(c)));
      expect(outcomes.every((o) => o.completed)).toBe(true);
      const m = emu.metrics();
      expect(m.requests.action).toBe(30);
      expect(m.throttled).toBe(0);
      // Each client carries its share (the one whose slot frees first goes next).
      expect(Object.keys(m.byClient)).toHaveLength(3);
      for (const c of Object.values(m.byClient)) expect(c.action).toBeGreaterThanOrEqual(8);
      expect(emu.state().users.filter((u) => u.email.startsWith("user"))).toHaveLength(300);
      // Each client fetched its own token.
      expect(m.requests.ims).toBe(3);
    } finally {
      await emu.close();
    }
  });

  it("spreads reads over the clients too", async () => {
    const emu = await startEmulator({ clients: 2, timeScale: SCALE });
    try {
      const client = poolClient(emu, 3);
      for (let i = 0; i < 6; i++) await client.readGroups();
      expect(Object.values(emu.metrics().byClient).map((c) => c.requests)).toEqual([2, 2, 2]);
    } finally {
      await emu.close();
    }
  });

  it("lets a 429 slow only the client that received it", async () => {
    const emu = await startEmulator({ clients: 2, timeScale: SCALE });
    try {
      // Another process used up client 2's window: the pool's own limiter cannot know it.
      const outside = clientFor(emu, { clientId: emu.clients[1]!.clientId, clientSecret: emu.clients[1]!.clientSecret, rateLimits: false, commandsPerRequest: 1 });
      await Promise.all(Array.from({ length: 10 }, (_, i) => outside.execute(userCommand({ user: `x${i}@example.com` }, [userSteps.update({ firstname: "X" })]))));
      const from = emu.requests().length;
      const client = poolClient(emu, 3);
      const outcomes = await Promise.all(creates(numberedUsers(200).map((u) => u.email)).map((c) => client.execute(c)));
      expect(outcomes.every((o) => o.completed)).toBe(true);
      const log = emu.requests().slice(from).filter((r) => r.endpointClass === "action");
      const refused = log.findIndex((r) => r.status === 429);
      expect(log[refused]!.clientId).toBe("emulator-client-id-2");
      const retried = log.findIndex((r, i) => i > refused && r.clientId === "emulator-client-id-2");
      // While client 2 waited out its Retry-After, the other clients went on sending.
      const meanwhile = log.slice(refused + 1, retried).map((r) => r.clientId);
      expect(meanwhile.length).toBeGreaterThan(0);
      expect(meanwhile.every((id) => id !== "emulator-client-id-2")).toBe(true);
      expect(log.filter((r) => r.status === 429 && r.clientId !== "emulator-client-id-2")).toEqual([]);
      expect(emu.state().users.filter((u) => u.email.startsWith("user"))).toHaveLength(200);
    } finally {
      await emu.close();
    }
  });

  it("keeps all clients together under the org's global limit", async () => {
    const emu = await startEmulator({ clients: 4, timeScale: SCALE, globalThrottle: { action: 25 } });
    try {
      const client = poolClient(emu, 5, { globalRateLimits: { action: 25 } });
      const outcomes = await Promise.all(creates(numberedUsers(500).map((u) => u.email)).map((c) => client.execute(c)));
      expect(outcomes.every((o) => o.completed)).toBe(true);
      expect(emu.metrics().requests.action).toBe(50);
      expect(emu.metrics().throttled).toBe(0);
    } finally {
      await emu.close();
    }
  });

  it("with one client sends exactly what it sent before the pool existed", async () => {
    const emu = await startEmulator({ timeScale: SCALE });
    try {
      const client = poolClient(emu, 1);
      expect(client.clientIds).toEqual(["emulator-client-id"]);
      await Promise.all(creates(numberedUsers(100).map((u) => u.email)).map((c) => client.execute(c)));
      expect(new Set(actionClients(emu))).toEqual(new Set(["emulator-client-id"]));
      expect(emu.metrics().requests.action).toBe(10);
    } finally {
      await emu.close();
    }
  });

  it("reads the pool from UMAPI_CLIENTS and refuses a malformed one without echoing a secret", async () => {
    const emu = await startEmulator({ clients: 1 });
    try {
      const env = { UMAPI_CLIENTS: JSON.stringify([emu.clients[1]]) };
      const base = { orgId: emu.orgId, clientId: emu.clientId, clientSecret: emu.clientSecret, umapiUrl: emu.umapiUrl, imsUrl: emu.imsUrl };
      const { UmapiClient } = await import("../../provider/umapi");
      expect(new UmapiClient(base, env).clientIds).toEqual(["emulator-client-id", "emulator-client-id-2"]);
      expect(() => new UmapiClient(base, { UMAPI_CLIENTS: '[{"clientId":"a","clientSecret":""}]' })).toThrow(/UMAPI_CLIENTS\[0\] needs a non-empty "clientId" and "clientSecret"/);
      let message = "";
      try {
        new UmapiClient(base, { UMAPI_CLIENTS: '{"clientId":"a","clientSecret":"s3cr3t-value"' });
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message).toMatch(/UMAPI_CLIENTS must be a JSON array/);
      expect(message).not.toContain("s3cr3t-value");
    } finally {
      await emu.close();
    }
  });
});
