/**
 * The removal breaker in the provider process: user removals (any onDelete mode) and user-group
 * deletions past the run's budget are refused before they are sent, however many run at once.
 */
import { afterEach, describe, expect, it } from "vitest";
import { numberedUser } from "../support/users";
import { newProcess, startOrg, type Org } from "./helpers";

let org: Org;
afterEach(async () => org?.emulator.close());

const user = (i: number, onDelete?: string) => ({ ...numberedUser(i), ...(onDelete ? { onDelete } : {}) });
const left = () => org.emulator.state().users.filter((u) => u.email.startsWith("user")).length;

async function managed(config: Record<string, string> = {}) {
  org = await startOrg();
  const modes = [undefined, "removeMemberships", "deleteAccount"];
  const users = await Promise.all(Array.from({ length: 12 }, (_, i) => org.host.create("AdobeUser", user(i + 1, modes[i % 3]))));
  const groups = await Promise.all(["Team A", "Team B"].map((name) => org.host.create("UserGroup", { name })));
  newProcess(org, config);
  org.emulator.resetMetrics();
  return { users, groups };
}

const removeAll = (kind: "AdobeUser" | "UserGroup", rs: { id: string; outs: unknown }[]) => Promise.allSettled(rs.map((r) => org.host.remove(kind, r.id, r.outs as Record<string, unknown>)));

describe("the removal breaker", () => {
  it("lets 5 removals through (the default budget of a small org) and refuses the rest before sending them", async () => {
    const { users } = await managed();
    const results = await removeAll("AdobeUser", users);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(5);
    expect(refused).toHaveLength(7);
    // removeMemberships keeps the user in the org; the other two modes take the user out.
    const removedFromOrg = results.filter((r, i) => r.status === "fulfilled" && i % 3 !== 1).length;
    expect(left()).toBe(12 - removedFromOrg);
    expect(String(refused[0]!.reason.message)).toMatch(
      /^AdobeUser "user\d+@example.com": removing it would take this run past its removal budget: this run has reached its budget of 5 user removals and user-group deletions \(the default, the larger of 5 and 2% of the org's \d+ users\), and this is number \d+ at least\. Nothing past the budget was done; the resource stays in the state\..*UMAPI_ALLOW_REMOVALS=\d+ \(or =all\) for one run, or pulumi config set umapi:allowRemovals \d+/,
    );
  });

  it("counts user-group deletions in the same budget", async () => {
    const { users, groups } = await managed({ "umapi:removalBudget": "4" });
    const results = [...(await removeAll("UserGroup", groups)), ...(await removeAll("AdobeUser", users.slice(0, 4)))];
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(4);
    expect(org.emulator.state().groups.filter((g) => g.groupName.startsWith("Team"))).toHaveLength(0);
  });

  it("an allowance lets them through: a number, or all; the re-run with it finishes what was refused", async () => {
    let { users } = await managed({ "umapi:allowRemovals": "9" });
    expect((await removeAll("AdobeUser", users)).filter((r) => r.status === "rejected")).toHaveLength(3);
    await org.emulator.close();
    ({ users } = await managed());
    const first = await removeAll("AdobeUser", users);
    const refused = users.filter((_, i) => first[i]!.status === "rejected");
    newProcess(org, { "umapi:allowRemovals": "all" });
    expect((await removeAll("AdobeUser", refused)).every((r) => r.status === "fulfilled")).toBe(true);
    expect(left()).toBe(4); // the removeMemberships users stay in the org
  });
});
