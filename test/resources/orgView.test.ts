/** Reads at the throttle bound: one snapshot or single reads, whichever the org's size makes cheaper. */
import { afterEach, describe, expect, it } from "vitest";
import { numberedUser } from "../support/users";
import { newProcess, startOrg, type Org } from "./helpers";

let org: Org | undefined;
afterEach(async () => org?.emulator.close());

const asState = numberedUser;

describe("refresh reads", () => {
  it("a fully managed 10,000-user org is read as a paged snapshot (2,000 a page), not 10,000 GETs", async () => {
    org = await startOrg({ generate: { users: 10_000, groups: 200 } });
    newProcess(org);
    org.emulator.resetMetrics();
    const reads = await Promise.all(Array.from({ length: 10_000 }, (_, i) => org!.host.read("AdobeUser", `user${i + 1}@example.com`, asState(i + 1))));
    expect(reads.every((r) => r.id)).toBe(true);
    const { users, user } = org.emulator.metrics().requests;
    const pages = Math.ceil(org.emulator.state().users.length / 2000); // 10,000 users and the owner: 6 pages
    expect({ users, user }).toEqual({ users: pages, user: 0 });
  }, 120_000);

  it("a few users in a 100,000-user org are read one by one after the first page", async () => {
    org = await startOrg({ generate: { users: 100_000, groups: 200 } });
    newProcess(org);
    org.emulator.resetMetrics();
    for (const i of [99_001, 99_002, 99_003]) expect((await org.host.read("AdobeUser", `user${i}@example.com`, asState(i))).id).toBeTruthy();
    const { users, user } = org.emulator.metrics().requests;
    expect({ users, user }).toEqual({ users: 1, user: 3 });
  }, 120_000);

  it("stays coherent with its own writes", async () => {
    org = await startOrg();
    await org.host.read("AdobeUser", "x", asState(1)); // loads the view
    const { id, outs } = await org.host.create("AdobeUser", asState(7));
    expect((await org.host.read("AdobeUser", id, outs)).id).toBe(id);
    await org.host.remove("AdobeUser", id, outs);
    expect(await org.host.read("AdobeUser", id, outs)).toEqual({ id: "" });
  });
});

describe("an inconsistent listing is never taken for the org", () => {
  // 13 users on pages of 5; user12 is on the last page, which a truncated listing leaves out.
  const start = () => startOrg({ generate: { users: 12, groups: 2 }, pageSizes: { users: 5 } });

  it("refresh of a user the truncated listing leaves out fails instead of dropping the user", async () => {
    org = await start();
    newProcess(org);
    org.emulator.setFaults({ listing: { kind: "truncated", endpoints: ["users"] } });
    await expect(org.host.read("AdobeUser", "user12@example.com", asState(12))).rejects.toThrow(/inconsistent listing twice \(page 0 said lastPage, but X-Page-Count is 3/);
    expect(org.emulator.metrics().faults.truncated).toBe(2);
  });

  it("once the listing is honest again, the same refresh finds the user", async () => {
    org = await start();
    newProcess(org);
    org.emulator.setFaults({ listing: { kind: "truncated", endpoints: ["users"], times: 1 } });
    expect((await org.host.read("AdobeUser", "user12@example.com", asState(12))).id).toBe("user12@example.com");
  });

  it("adoption does not take a short listing's word that a user is new", async () => {
    org = await start();
    newProcess(org, { "umapi:adopt": "true" });
    org.emulator.setFaults({ listing: { kind: "truncated", endpoints: ["users"] } });
    await expect(org.host.create("AdobeUser", asState(12))).rejects.toThrow(/inconsistent listing twice/);
    expect(org.emulator.metrics().requests.action).toBe(0);
  });

  it("an authoritative member list is not compared with a short one", async () => {
    org = await startOrg({ generate: { users: 12, groups: 2 }, pageSizes: { users: 5 }, config: { "umapi:readMode": "perObject" } });
    const members = org.emulator.state().users.filter((u) => u.groups.includes("Group 1")).map((u) => u.email);
    org.emulator.setFaults({ listing: { kind: "pageTwice", endpoints: ["usersByGroup"] } });
    const outs = { group: "Group 1", members };
    await expect(org.host.read("GroupMembers", "Group 1", outs)).rejects.toThrow(/GET users\/.*\/Group 1 with an inconsistent listing twice/);
  });
});
