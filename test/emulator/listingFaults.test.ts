/**
 * Listing faults (FaultSpec.listing, `--faults truncatedListing=N|pageTwice=N|countMismatch=N`):
 * listings that contradict themselves, for clients to prove they never act on one (reference §3.1).
 */
import { beforeEach, describe, expect, it } from "vitest";
import { generateOrg, parseFaultSpec } from "../../emulator";
import { useEmulator } from "./helpers";

// 7 users on pages of 3 (3 pages); groups on pages of 2.
const { api, fresh } = useEmulator({ pageSizes: { users: 3, groups: 2 } });
const seed = generateOrg({ users: 6, groups: 2 });
beforeEach(() => {
  fresh(seed);
});
const headers = (h: Headers) => ({ total: h.get("x-total-count"), pages: h.get("x-page-count"), current: h.get("x-current-page") });

describe("truncated", () => {
  it("page 0 says lastPage while its headers still count the whole listing", async () => {
    api().emu.setFaults({ listing: { kind: "truncated" } });
    const res = await api().users(0);
    expect(res.body.lastPage).toBe(true);
    expect(res.body.users).toHaveLength(3);
    expect(headers(res.headers)).toEqual({ total: "7", pages: "3", current: "0" });
    expect(api().emu.metrics().faults.truncated).toBe(1);
    expect((await api().users(1)).body.lastPage).toBe(false); // later pages are untouched
  });
});

describe("pageTwice", () => {
  it("answers page 1 with page 0 again, its X-Current-Page included", async () => {
    api().emu.setFaults({ listing: { kind: "pageTwice", endpoints: ["groups"] } });
    const [p0, p1] = [await api().get<{ groups: { groupName: string }[] }>(`/groups/${api().emu.orgId}/0`), await api().get<{ groups: { groupName: string }[] }>(`/groups/${api().emu.orgId}/1`)];
    expect(p1.body).toEqual(p0.body);
    expect(p1.headers.get("x-current-page")).toBe("0");
    expect((await api().users(1)).headers.get("x-current-page")).toBe("1"); // users is not a faulted endpoint
  });
});

describe("countMismatch", () => {
  it("inflates page 0's X-Total-Count by 1,000", async () => {
    const honest = Number((await api().groupUsers("Group 1", 0)).headers.get("x-total-count"));
    api().emu.setFaults({ listing: { kind: "countMismatch", endpoints: ["usersByGroup"] } });
    const res = await api().groupUsers("Group 1", 0);
    expect(Number(res.headers.get("x-total-count"))).toBe(honest + 1000);
    expect(headers((await api().users(0)).headers).total).toBe("7");
  });
});

describe("times", () => {
  it("affects that many listings, then the listings are honest again", async () => {
    api().emu.setFaults({ listing: { kind: "truncated", times: 1 } });
    expect((await api().users(0)).body.lastPage).toBe(true);
    expect((await api().users(0)).body.lastPage).toBe(false);
    expect(api().emu.metrics().faults.truncated).toBe(1);
  });

  it("has a CLI form", () => {
    expect(parseFaultSpec("truncatedListing=2")).toEqual({ listing: { kind: "truncated", times: 2 } });
    expect(parseFaultSpec("pageTwice=0,seed=3")).toEqual({ listing: { kind: "pageTwice" }, seed: 3 });
    expect(() => parseFaultSpec("countMismatch=x")).toThrow(/Invalid fault setting/);
  });
});
