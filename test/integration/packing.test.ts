/**
 * Membership changes through the real client and emulator: many users joining one user group go
 * in user-group commands of 100; one bad entry fails only its own change; a pool of clients sends
 * packed requests side by side without touching one user twice.
 */
import { describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { groupCommand, groupSteps, type MembershipChange } from "../../provider/umapi";
import { clientFor } from "./helpers";

const email = (i: number) => `user${i}@example.com`;
const join = (i: number, group = "Reorg"): MembershipChange => ({ user: email(i), group, op: "add", userGroup: true });
const members = (emu: RunningEmulator, group: string) => emu.state().users.filter((u) => u.groups.includes(group)).length;

async function withGroup(users: number, clients = 0) {
  const emu = await startEmulator({ generate: { users, groups: 2 }, throttle: false, clients });
  const client = clientFor(emu, { pool: emu.clients.slice(1) });
  await client.run(groupCommand("Reorg", [groupSteps.create()]));
  emu.resetMetrics();
  return { emu, client };
}

describe("membership changes, packed", () => {
  it("puts 2,000 users into a new user group in 2 action requests, and takes them out in 2", async () => {
    const { emu, client } = await withGroup(2000);
    try {
      const joined = await Promise.all(Array.from({ length: 2000 }, (_, i) => client.changeMembership(join(i + 1))));
      expect(joined.every((o) => o.completed)).toBe(true);
      expect(members(emu, "Reorg")).toBe(2000);
      expect(emu.metrics()).toMatchObject({ requests: { action: 2 }, actionCommands: 20 });
      emu.resetMetrics();
      const left = await Promise.all(Array.from({ length: 2000 }, (_, i) => client.changeMembership({ ...join(i + 1), op: "remove" })));
      expect(left.every((o) => o.completed)).toBe(true);
      expect(members(emu, "Reorg")).toBe(0);
      expect(emu.metrics().requests.action).toBe(2);
    } finally {
      await emu.close();
    }
  });

  it("fails only the change naming a user that does not exist; the others in its command succeed", async () => {
    const { emu, client } = await withGroup(40);
    try {
      const changes = [...Array.from({ length: 40 }, (_, i) => join(i + 1)), { ...join(0), user: "nobody@example.com" }];
      const outcomes = await Promise.all(changes.map((c) => client.changeMembership(c)));
      const failed = outcomes.flatMap((o, i) => (o.completed ? [] : [`${changes[i]!.user}: ${o.issues.map((x) => x.code).join()}`]));
      expect(failed).toEqual(["nobody@example.com: error.user.not_found"]);
      expect(members(emu, "Reorg")).toBe(40);
    } finally {
      await emu.close();
    }
  });

  it("sends packed requests over a pool of 3 clients, every change applied once", async () => {
    const { emu, client } = await withGroup(3000, 2);
    try {
      await client.run(groupCommand("Second", [groupSteps.create()]));
      emu.resetMetrics();
      const outcomes = await Promise.all([
        ...Array.from({ length: 3000 }, (_, i) => client.changeMembership(join(i + 1))),
        ...Array.from({ length: 500 }, (_, i) => client.changeMembership(join(i + 1, "Second"))),
      ]);
      expect(outcomes.every((o) => o.completed)).toBe(true);
      expect([members(emu, "Reorg"), members(emu, "Second")]).toEqual([3000, 500]);
      // 35 commands of 100: 4 requests, spread over the clients.
      const m = emu.metrics();
      expect(m.requests.action).toBe(4);
      expect(Object.keys(m.byClient).length).toBeGreaterThan(1);
    } finally {
      await emu.close();
    }
  });
});
