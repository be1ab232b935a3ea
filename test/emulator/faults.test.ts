/** Injected faults (EmulatorOptions.faults, `--faults`): what a client must survive (reference §6.3). */
import { beforeEach, describe, expect, it } from "vitest";
import { parseFaultSpec } from "../../emulator";
import { connect, getToken, groupsOf, useEmulator } from "./helpers";

const { api, fresh } = useEmulator({ timeScale: 60 });
beforeEach(() => {
  fresh();
});

const addOwnerTo = (group: string) => [{ user: "owner@example.com", do: [{ add: { group: [group] } }] }];

describe("gateway errors", () => {
  it.each([
    ["status502", 502],
    ["status503", 503],
    ["status504", 504],
  ] as const)("%s=1 answers every UMAPI request with %i and counts it", async (kind, status) => {
    api().emu.setFaults({ [kind]: 1 });
    const res = await api().groups();
    expect(res.status).toBe(status);
    expect(api().emu.metrics().faults[kind]).toBe(1);
    expect(api().emu.requests()).toEqual([expect.objectContaining({ status, fault: kind })]);
  });
});

describe("random 429", () => {
  it("carries Retry-After = retryAfterSeconds / timeScale, rounded up, at least 1", async () => {
    api().emu.setFaults({ status429: 1, retryAfterSeconds: 150 });
    const res = await api().groups();
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("3");
    expect(api().emu.metrics()).toMatchObject({ throttled: 1, faults: { status429: 1 } });
  });
});

describe("connection reset", () => {
  it("destroys the socket before processing: the action is not applied", async () => {
    api().emu.setFaults({ connectionReset: 1 });
    await expect(api().action(addOwnerTo("Photoshop Users"))).rejects.toThrow();
    expect(groupsOf(api(), "owner@example.com")).toEqual(["_org_admin"]);
    expect(api().emu.requests()).toEqual([expect.objectContaining({ status: 0, fault: "connectionReset" })]);
    expect(api().emu.metrics().faults.connectionReset).toBe(1);
  });
});

describe("lost response", () => {
  it("applies the action, then destroys the socket; queries are not affected", async () => {
    api().emu.setFaults({ responseLost: 1 });
    await expect(api().action(addOwnerTo("Photoshop Users"))).rejects.toThrow();
    expect(groupsOf(api(), "owner@example.com")).toEqual(["_org_admin", "Photoshop Users"]);
    expect((await api().groups()).status).toBe(200);
    expect(api().emu.metrics().faults.responseLost).toBe(1);
  });
});

describe("latency", () => {
  it("adds latencyMs to every UMAPI request", async () => {
    api().emu.setFaults({ latencyMs: 150 });
    const started = performance.now();
    await api().groups();
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });
});

describe("long throttle (reference §6.2)", () => {
  it("after N requests every UMAPI request gets 429 with the long Retry-After until faults are cleared", async () => {
    api().emu.setFaults({ longThrottle: { retryAfterSeconds: 3600, afterRequests: 2 } });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await api().groups()).status);
    expect(statuses).toEqual([200, 200, 429, 429]);
    const res = await api().users();
    expect(res.headers.get("retry-after")).toBe("60"); // 3600 s / timeScale 60
    api().emu.setFaults(null);
    expect((await api().users()).status).toBe(200);
  });
});

describe("determinism and scope", () => {
  it("the same seed gives the same fault sequence", async () => {
    const sequence = async () => {
      api().emu.setFaults({ status502: 0.3, status503: 0.2, seed: 7 });
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) statuses.push((await api().groups()).status);
      return statuses;
    };
    const first = await sequence();
    expect(await sequence()).toEqual(first);
    expect(new Set(first)).toEqual(new Set([200, 502, 503]));
  });

  it("never touches IMS or the control plane", async () => {
    api().emu.setFaults({ status503: 1 });
    expect(await getToken(api().emu)).toMatch(/^ey/);
    expect((await fetch(`${api().emu.controlUrl}/metrics`)).status).toBe(200);
  });

  it("can be configured at start", async () => {
    const faulty = await connect({ faults: { status502: 1 } });
    try {
      expect((await faulty.groups()).status).toBe(502);
    } finally {
      await faulty.emu.close();
    }
  });
});

describe("parseFaultSpec (the --faults syntax)", () => {
  it("parses the short names", () => {
    expect(parseFaultSpec("502=0.1,503=0.05,504=0.05,429=0.1,reset=0.01,lost=0.05,latency=20,retryAfter=2,seed=7,longThrottle=3600")).toEqual({
      status502: 0.1,
      status503: 0.05,
      status504: 0.05,
      status429: 0.1,
      connectionReset: 0.01,
      responseLost: 0.05,
      latencyMs: 20,
      retryAfterSeconds: 2,
      seed: 7,
      longThrottle: { retryAfterSeconds: 3600 },
    });
    expect(parseFaultSpec("longThrottle=60,longThrottleAfter=5")).toEqual({ longThrottle: { retryAfterSeconds: 60, afterRequests: 5 } });
  });

  it("rejects unknown names, non-numbers and probabilities above 1", () => {
    expect(() => parseFaultSpec("500=0.1")).toThrow(/Invalid fault setting: 500=0.1/);
    expect(() => parseFaultSpec("502=lots")).toThrow();
    expect(() => parseFaultSpec("502=2")).toThrow(/Invalid fault spec/);
  });
});
