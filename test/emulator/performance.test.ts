/**
 * Performance budget: a 100,000-user org builds in seconds; with throttling off the emulator serves
 * >= 1,000 GET/s and a 2,000-user page in < 50 ms. Measured against the CLI in its own process, and
 * with node:http (lighter than fetch) for the throughput, so the client's work does not dominate.
 */
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { Agent, get } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateOrg } from "../../emulator";
import { getToken, startCli, stopCli, Umapi, type EmulatorEndpoints } from "./helpers";

let child: ChildProcessWithoutNullStreams;
let api: Umapi<EmulatorEndpoints>;

beforeAll(async () => {
  const started = await startCli(["--generate", "users=100000,groups=200", "--no-throttle"]);
  child = started.child;
  api = new Umapi(started.info, await getToken(started.info));
}, 60_000);

afterAll(async () => {
  await stopCli(child);
});

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe("performance", () => {
  it("generateOrg builds 100,000 users deterministically in well under the budget", () => {
    const started = performance.now();
    const seed = generateOrg({ users: 100_000, groups: 200 });
    expect(performance.now() - started).toBeLessThan(3000);
    expect(seed.users).toHaveLength(100_001); // plus the default org's owner
    expect(seed.users![1]).toEqual({ type: "enterpriseID", email: "user1@example.com", firstname: "User", lastname: "1", country: "US", groups: ["Group 8", "Group 9"] });
    expect(generateOrg({ users: 5, groups: 3 })).toEqual(generateOrg({ users: 5, groups: 3 }));
  });

  it("serves a 2,000-user page in under 50 ms", async () => {
    const orgPath = `/users/${api.emu.orgId}`;
    await api.get(`${orgPath}/0`); // warm up
    const times: number[] = [];
    for (let page = 1; page <= 7; page++) {
      const started = performance.now();
      const res = await api.get<{ users: unknown[] }>(`${orgPath}/${page}?directOnly=false`);
      times.push(performance.now() - started);
      expect(res.body.users).toHaveLength(2000);
      expect(res.headers.get("x-total-count")).toBe("100001");
    }
    expect(median(times)).toBeLessThan(50);
  });

  it("serves at least 1,000 GET requests per second", async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 8 });
    const status = (url: string) =>
      new Promise<number | undefined>((ok, fail) => {
        get(url, { agent, headers: api.headers() }, (res) => {
          res.resume();
          res.on("end", () => ok(res.statusCode));
        }).on("error", fail);
      });
    const total = 3000;
    let next = 0;
    const statuses = new Set<number | undefined>();
    const started = performance.now();
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < total) {
          const i = ++next;
          statuses.add(await status(`${api.emu.umapiUrl}/organizations/${api.emu.orgId}/users/user${i}@example.com`));
        }
      }),
    );
    const perSecond = total / ((performance.now() - started) / 1000);
    agent.destroy();
    expect(statuses).toEqual(new Set([200]));
    expect(perSecond).toBeGreaterThanOrEqual(1000);
  });
});
