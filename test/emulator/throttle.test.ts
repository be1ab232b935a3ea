/** Reference §6.1: per-client, per-endpoint sliding windows; 429 with an integer Retry-After. */
import { describe, expect, it } from "vitest";
import { THROTTLE_PER_MINUTE } from "../../provider/umapi/limits";
import { connect } from "./helpers";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("per-endpoint throttling (reference §6.1)", () => {
  it("is on by default with the documented per-minute limits", async () => {
    const api = await connect({ throttle: true });
    try {
      const statuses = [];
      for (let i = 0; i <= THROTTLE_PER_MINUTE.groups; i++) statuses.push((await api.groups()).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
      expect((await api.users()).status).toBe(200); // other endpoint classes have their own windows
    } finally {
      await api.emu.close();
    }
  });

  it("answers 429 429050 with Retry-After in whole seconds until the oldest request leaves the window", async () => {
    const api = await connect({ throttle: { groups: 1 } });
    try {
      expect((await api.groups()).status).toBe(200);
      const res = await api.groups();
      expect(res.status).toBe(429);
      expect(res.body).toEqual({ error_code: "429050", message: "Too many requests" });
      expect(Number(res.headers.get("retry-after"))).toBeGreaterThanOrEqual(59);
      expect(res.headers.get("retry-after")).toMatch(/^\d+$/);
      expect(api.emu.metrics()).toMatchObject({ throttled: 1, throttledByClass: { groups: 1 } });
    } finally {
      await api.emu.close();
    }
  });

  it("with timeScale 60 a 60 s window lasts 1 s, Retry-After is at least 1, and throttled requests do not count", async () => {
    const api = await connect({ throttle: { groups: 2 }, timeScale: 60 });
    try {
      expect([(await api.groups()).status, (await api.groups()).status]).toEqual([200, 200]);
      const throttled = await api.groups();
      expect(throttled.status).toBe(429);
      expect(throttled.headers.get("retry-after")).toBe("1");
      for (let i = 0; i < 3; i++) expect((await api.groups()).status).toBe(429);
      await sleep(1050);
      // The 429s above were not counted: the window holds nothing, so two more pass.
      expect([(await api.groups()).status, (await api.groups()).status, (await api.groups()).status]).toEqual([200, 200, 429]);
      expect(api.emu.metrics().throttled).toBe(5);
    } finally {
      await api.emu.close();
    }
  });

  it("resetMetrics() clears the windows", async () => {
    const api = await connect({ throttle: { action: 1 } });
    try {
      const cmd = [{ user: "owner@example.com", do: [{ add: { group: ["Photoshop Users"] } }] }];
      expect((await api.action(cmd)).status).toBe(200);
      expect((await api.action(cmd)).status).toBe(429);
      api.emu.resetMetrics();
      expect((await api.action(cmd)).status).toBe(200);
    } finally {
      await api.emu.close();
    }
  });
});
