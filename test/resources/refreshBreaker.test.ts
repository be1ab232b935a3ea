/**
 * A refresh that finds most of the stack gone stops at the removal budget: objects past it are not
 * dropped from the state, and an explicit allowance lets a real mass deletion through.
 */
import { afterEach, describe, expect, it } from "vitest";
import { clientFor } from "../integration/helpers";
import { numberedUser } from "../support/users";
import { newProcess, startOrg, type Org } from "./helpers";

let org: Org;
afterEach(async () => org?.emulator.close());

const user = numberedUser;

/** 12 managed users, 10 of them then removed from the org behind the stack's back. */
async function stackWithTenGone(config: Record<string, string> = {}) {
  org = await startOrg();
  const outs = await Promise.all(Array.from({ length: 12 }, (_, i) => org.host.create("AdobeUser", user(i + 1))));
  const admin = clientFor(org.emulator);
  await Promise.all(Array.from({ length: 10 }, (_, i) => admin.run({ user: `user${i + 1}@example.com`, do: [{ removeFromOrg: {} }] })));
  newProcess(org, config);
  return outs;
}

const refreshAll = (outs: { id: string; outs: unknown }[]) =>
  Promise.allSettled(outs.map(({ id, outs: o }) => org.host.read("AdobeUser", id, o as Record<string, unknown>)));

describe("refresh drops and the removal budget", () => {
  it("drops the first 5 (the default budget of a small org) and refuses the rest, naming the count, the budget and the override", async () => {
    const results = await refreshAll(await stackWithTenGone());
    const dropped = results.filter((r) => r.status === "fulfilled" && !r.value.id);
    const kept = results.filter((r) => r.status === "fulfilled" && r.value.id);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect([dropped.length, kept.length, refused.length]).toEqual([5, 2, 5]);
    expect(String(refused[0]!.reason.message)).toMatch(
      /^AdobeUser "user\d+@example.com": refresh would drop it from the stack \(it is not in org .+@AdobeOrg\): this run has reached its budget of 5 objects dropped from the stack \(the default, the larger of 5 and 2% of the org's 3 users\), and this is number \d+ at least\. Nothing past the budget was done; the resource stays in the state\..*UMAPI_ALLOW_REFRESH_DROPS=\d+ pulumi refresh \(or =all\)/,
    );
  });

  it("UMAPI_ALLOW_REFRESH_DROPS=all (umapi:allowRefreshDrops) lets a real mass deletion through", async () => {
    const results = await refreshAll(await stackWithTenGone({ "umapi:allowRefreshDrops": "all" }));
    expect(results.filter((r) => r.status === "fulfilled" && !r.value.id)).toHaveLength(10);
  });

  it("umapi:removalBudget sets the budget: a count, or a share of the org's users", async () => {
    let results = await refreshAll(await stackWithTenGone({ "umapi:removalBudget": "8" }));
    expect(results.filter((r) => r.status === "rejected")).toHaveLength(2);
    await org.emulator.close();
    results = await refreshAll(await stackWithTenGone({ "umapi:removalBudget": "100%" }));
    // 3 users are left in the org: 100% of them is 3.
    expect(results.filter((r) => r.status === "rejected")).toHaveLength(7);
  });
});
