/** The control plane `/__emulator/*` and the in-process equivalents. */
import { beforeEach, describe, expect, it } from "vitest";
import { defaultSeed, type OrgSeed } from "../../emulator";
import { enterprise, seedWith, useEmulator } from "./helpers";

const { api, fresh } = useEmulator();
beforeEach(() => {
  fresh();
});

const control = (path: string, body?: unknown) =>
  fetch(`${api().emu.controlUrl}${path}`, body === undefined ? {} : { method: "POST", body: JSON.stringify(body) });

describe("control plane (no auth, loopback only)", () => {
  it("GET metrics, state and requests mirror the in-process API and are not themselves counted", async () => {
    await api().groups();
    const metrics = (await (await control("/metrics")).json()) as { requests: { total: number } };
    expect(metrics).toEqual(api().emu.metrics());
    expect(metrics.requests.total).toBe(1);
    expect(await (await control("/state")).json()).toEqual(api().emu.state());
    expect(await (await control("/requests")).json()).toEqual(api().emu.requests());
  });

  it("POST seed replaces the org; POST reset restores the starting seed and clears metrics", async () => {
    const seed: OrgSeed = seedWith({ users: [enterprise("zoe@example.com")] });
    expect((await control("/seed", seed)).status).toBe(200);
    expect(api().emu.state().users.map((u) => u.email)).toEqual(["zoe@example.com"]);
    await api().groups();
    expect((await control("/reset", null)).status).toBe(200);
    expect(api().emu.state().users.map((u) => u.email)).toEqual(["owner@example.com"]);
    expect(api().emu.metrics().requests.total).toBe(0);
  });

  it("POST reset with a seed body resets to that seed", async () => {
    await control("/reset", seedWith({ users: [enterprise("yan@example.com")] }));
    expect(api().emu.state().users.map((u) => u.email)).toEqual(["yan@example.com"]);
  });

  it("POST faults sets and clears faults; POST metrics/reset clears metrics only", async () => {
    await control("/faults", { status503: 1 });
    expect((await api().groups()).status).toBe(503);
    await control("/faults", null);
    expect((await api().groups()).status).toBe(200);
    await control("/metrics/reset", {});
    expect(api().emu.metrics().requests.total).toBe(0);
    expect(api().emu.requests()).toEqual([]);
  });

  it("answers 400 for an invalid seed or fault spec and keeps the org", async () => {
    const bad = await control("/seed", { users: [{ type: "enterpriseID", email: "a@example.com", groups: ["Missing Group"] }] });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/Unknown group in seed: Missing Group/);
    expect((await control("/faults", { status502: 7 })).status).toBe(400);
    expect((await control("/seed", { users: "nope" })).status).toBe(400);
    expect(api().emu.state().users.map((u) => u.email)).toEqual(["owner@example.com"]);
  });
});

describe("defaultSeed", () => {
  it("is frozen and can be passed to reset()", () => {
    expect(Object.isFrozen(defaultSeed)).toBe(true);
    api().emu.reset(defaultSeed);
    expect(api().emu.state().domains).toEqual([
      { name: "example.com", directory: "enterpriseID" },
      { name: "fed.example.com", directory: "federatedID" },
    ]);
  });
});
