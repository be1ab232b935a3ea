/**
 * Listings that contradict themselves (the emulator's listing faults) through the client: read again
 * once, then refused with the endpoint and the numbers; never returned short (reference §3.1).
 */
import { beforeEach, describe, expect, it } from "vitest";
import { generateOrg } from "../../emulator";
import { exportOrg } from "../../provider/orgfile/exportYaml";
import { InconsistentListingError } from "../../provider/umapi/listing";
import { clientFor, rejectionOf, useEmulator } from "./helpers";

// 13 users on pages of 5, 6 groups on pages of 4: every listing has more than one page.
const { emu, fresh } = useEmulator({ pageSizes: { users: 5, groups: 4 } });
const SEED = generateOrg({ users: 12, groups: 3 });
beforeEach(() => {
  fresh(SEED);
});

const KINDS = ["truncated", "pageTwice", "countMismatch"] as const;
const reads = {
  users: (c: ReturnType<typeof clientFor>) => c.readUsers(),
  usersByGroup: (c: ReturnType<typeof clientFor>) => c.readUsersInGroup("Group 1"),
  groups: (c: ReturnType<typeof clientFor>) => c.readGroups(),
} as const;
const ENDPOINTS = Object.keys(reads) as (keyof typeof reads)[];

describe.each(ENDPOINTS)("the %s listing", (endpoint) => {
  it.each(KINDS)("%s once: read again from page 0, and the second reading is returned whole", async (kind) => {
    const honest = await reads[endpoint](clientFor(emu()));
    emu().resetMetrics();
    emu().setFaults({ listing: { kind, endpoints: [endpoint], times: 1 } });
    expect(await reads[endpoint](clientFor(emu()))).toEqual(honest);
    const m = emu().metrics();
    expect(m.faults[kind]).toBe(1);
    // The faulted reading (cut short at its fault), then one whole honest reading.
    const pages = Math.ceil((endpoint === "groups" ? 6 : honest.length) / (endpoint === "groups" ? 4 : 5));
    expect(m.requests[endpoint]).toBeGreaterThan(pages);
    expect(m.requests[endpoint]).toBeLessThanOrEqual(2 * pages);
  });

  it.each(KINDS)("%s every time: InconsistentListingError names the endpoint and the numbers", async (kind) => {
    emu().setFaults({ listing: { kind, endpoints: [endpoint] } });
    const err = await rejectionOf(reads[endpoint](clientFor(emu())));
    expect(err).toBeInstanceOf(InconsistentListingError);
    expect(err.message).toMatch(new RegExp(`UMAPI answered GET ${endpoint === "groups" ? "groups" : "users"}/${emu().orgId}.* with an inconsistent listing twice`));
    expect(err.message).toMatch(/X-(Total-Count|Page-Count|Current-Page)( is)? \d+/);
    expect(emu().metrics().faults[kind]).toBe(2);
  });
});

describe("what is built on listings refuses a short read", () => {
  it("listUsers (and so getUsers) yields nothing of an inconsistent listing", async () => {
    emu().setFaults({ listing: { kind: "truncated", endpoints: ["users"] } });
    const seen: string[] = [];
    const err = await rejectionOf((async () => {
      for await (const u of clientFor(emu()).listUsers()) seen.push(u.email!);
    })());
    expect(err).toBeInstanceOf(InconsistentListingError);
    expect(seen).toEqual([]);
  });

  it("umapi-export writes no org.yaml from a truncated listing", async () => {
    emu().setFaults({ listing: { kind: "truncated", endpoints: ["users"] } });
    const err = await rejectionOf(exportOrg(clientFor(emu())));
    expect(err).toBeInstanceOf(InconsistentListingError);
    expect(err.message).toContain("page 0 said lastPage, but X-Page-Count is 3");
  });
});
