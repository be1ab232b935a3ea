/**
 * The emulator at scale, against the CLI in its own process: a 100,000-user org, served in full
 * 2,000-user pages, and thousands of concurrent GETs. Tests assert behaviour only; the speed
 * (GET/s, the time of a page) is measured by `npm run bench -- emulator`, which prints it.
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

describe("performance", () => {
  it("generateOrg builds 100,000 users deterministically", () => {
    const seed = generateOrg({ users: 100_000, groups: 200 });
    expect(seed.users).toHaveLength(100_001); // plus the default org's owner
    expect(seed.users![1]).toEqual({ type: "enterpriseID", email: "user1@example.com", firstname: "User", lastname: "1", country: "US", groups: ["Group 8", "Group 9"] });
    expect(generateOrg({ users: 5, groups: 3 })).toEqual(generateOrg({ users: 5, groups: 3 }));
  });

  it("serves the org in full 2,000-user pages with the paging headers", async () => {
    const orgPath = `/users/${api.emu.orgId}`;
    for (let page = 1; page <= 7; page++) {
      const res = await api.get<{ users: unknown[]; lastPage: boolean }>(`${orgPath}/${page}?directOnly=false`);
      expect(res.body.users).toHaveLength(2000);
      expect(res.body.lastPage).toBe(false);
      expect([res.headers.get("x-total-count"), res.headers.get("x-page-count"), res.headers.get("x-current-page")]).toEqual(["100001", "51", String(page)]);
    }
  });

  it("answers 3,000 GETs from 8 concurrent connections, every one with 200", async () => {
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
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < total) {
          const i = ++next;
          statuses.add(await status(`${api.emu.umapiUrl}/organizations/${api.emu.orgId}/users/user${i}@example.com`));
        }
      }),
    );
    agent.destroy();
    expect(statuses).toEqual(new Set([200]));
    expect(next).toBe(total);
  });
});
