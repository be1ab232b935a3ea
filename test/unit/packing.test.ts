/**
 * Group-side packing in the batcher: membership changes of many users to one user group travel in
 * user-group commands of 100, and the four rules hold (created users first, no user or group twice
 * at once, never an add and a remove of one membership in flight together, precise outcomes).
 */
import { describe, expect, it } from "vitest";
import { ActionBatcher, userCommand, userSteps, groupCommand, groupSteps, type Command, type MembershipChange } from "../../provider/umapi";
import { actionResponse, type Failure } from "../support/actionResponse";

/**
 * A fake action endpoint: records requests, answers after `delayMs`, fails a command at the first
 * step naming a user in `missing` (the way UMAPI refuses an unknown user), and tracks which requests
 * were in flight together.
 */
function endpoint(opts: { missing?: string[]; delayMs?: number } = {}) {
  const missing = new Set((opts.missing ?? []).map((m) => m.toLowerCase()));
  const requests: Command[][] = [];
  const overlaps: [Command[], Command[]][] = [];
  const inFlight = new Set<Command[]>();
  const post = async (commands: Command[]) => {
    for (const other of inFlight) overlaps.push([other, commands]);
    inFlight.add(commands);
    const requestNo = requests.push(commands) - 1;
    await new Promise((r) => setTimeout(r, opts.delayMs ?? 0));
    inFlight.delete(commands);
    return { response: actionResponse(commands, (c) => failureOf(c, missing)), requestId: `req-${requestNo}` };
  };
  return { post, requests, overlaps };
}

function failureOf(c: Command, missing: Set<string>): Failure | undefined {
  if ("user" in c) return missing.has(c.user.toLowerCase()) ? { step: 0, errorCode: "error.user.not_found", message: `User ${c.user} was not found` } : undefined;
  const step = c.do.findIndex((s) => Object.values(s).some((v) => (v as { user?: string[] }).user?.some((u) => missing.has(u.toLowerCase()))));
  return step < 0 ? undefined : { step, errorCode: "error.user.not_found", message: "A user was not found" };
}

const join = (user: string, group = "Team"): MembershipChange => ({ user, group, op: "add", userGroup: true });
const leave = (user: string, group = "Team"): MembershipChange => ({ user, group, op: "remove", userGroup: true });
const users = (n: number, from = 1) => Array.from({ length: n }, (_, i) => `u${i + from}@example.com`);

/** Users and groups a command touches: its target, and every user a user-group command lists. */
function touched(c: Command): string[] {
  if ("user" in c) return [`user:${c.user.toLowerCase()}`];
  const listed = c.do.flatMap((s) => Object.values(s).flatMap((v) => (v as { user?: string[] }).user ?? []));
  return [`group:${c.usergroup.toLowerCase()}`, ...listed.map((u) => `user:${u.toLowerCase()}`)];
}

const usersIn = (cs: Command[]) => cs.flatMap(touched).filter((k) => k.startsWith("user:"));

describe("group-side packing", () => {
  it("sends 1,000 users joining one group as 10 user-group commands of 100 users, 10 steps of 10", async () => {
    const ep = endpoint();
    const b = new ActionBatcher(ep.post, { lingerMs: 5 });
    const outcomes = await Promise.all(users(1000).map((u) => b.submitMembership(join(u))));
    expect(outcomes.every((o) => o.completed)).toBe(true);
    expect(ep.requests).toHaveLength(1);
    const [request] = ep.requests;
    expect(request!.map((c) => ("usergroup" in c ? c.usergroup : "?"))).toEqual(Array(10).fill("Team"));
    expect(request!.every((c) => c.do.length === 10 && c.do.every((s) => "add" in s && (s.add as { user: string[] }).user.length === 10))).toBe(true);
    expect(new Set(usersIn(request!)).size).toBe(1000);
  });

  it("packs removes and adds of several groups, and sends a lone change on the user's side", async () => {
    const ep = endpoint();
    const b = new ActionBatcher(ep.post, { lingerMs: 5 });
    await Promise.all([
      ...users(15).map((u) => b.submitMembership(leave(u, "Old"))),
      ...users(15).map((u) => b.submitMembership(join(u, "New"))),
      b.submitMembership(join("solo@example.com", "Solo")),
    ]);
    // A user appears once a request: the Old and New commands cannot both name u1..u15.
    expect(ep.requests.map((r) => r.map((c) => ("usergroup" in c ? `${c.usergroup}:${c.do.length}` : `user ${c.user}`)))).toEqual([["Old:2", "user solo@example.com"], ["New:2"]]);
    expect(ep.requests[0]![1]!.do).toEqual([{ add: { group: ["Solo"] } }]);
  });

  it("keeps product profiles, admin groups, Adobe IDs and users with a domain on the user's side", async () => {
    const ep = endpoint();
    const b = new ActionBatcher(ep.post, { lingerMs: 5 });
    await Promise.all([
      ...users(3).map((u) => b.submitMembership({ user: u, group: "Acrobat Pro Users", op: "add", userGroup: false })),
      ...users(3, 4).map((u) => b.submitMembership({ user: u, group: "Team", op: "add", userGroup: true, useAdobeID: true })),
      ...["jo", "al"].map((u) => b.submitMembership({ user: u, domain: "example.com", group: "Team", op: "add", userGroup: true })),
    ]);
    expect(ep.requests).toHaveLength(1);
    expect(ep.requests[0]!.every((c) => "user" in c)).toBe(true);
    expect(ep.requests[0]!.filter((c) => "useAdobeID" in c && c.useAdobeID)).toHaveLength(3);
    expect(ep.requests[0]!.filter((c) => "domain" in c && c.domain === "example.com")).toHaveLength(2);
  });

  it("names a user created in the same run only after its create has completed", async () => {
    const ep = endpoint({ delayMs: 5 });
    const b = new ActionBatcher(ep.post, { lingerMs: 5 });
    const create = b.submit(userCommand({ user: "u1@example.com" }, [userSteps.createEnterpriseID({ email: "u1@example.com" })]));
    const joins = users(12).map((u) => b.submitMembership(join(u)));
    await Promise.all([create, ...joins]);
    const createdIn = ep.requests.findIndex((r) => r.some((c) => "user" in c && c.do.some((s) => "createEnterpriseID" in s)));
    const names = (c: Command) => ("usergroup" in c ? usersIn([c]) : c.do.some((s) => "createEnterpriseID" in s) ? [] : usersIn([c]));
    const namedIn = ep.requests.findIndex((r) => r.flatMap(names).includes("user:u1@example.com"));
    expect(namedIn).toBeGreaterThan(createdIn);
  });

  it("never has an add and a remove of the same membership in flight together, and keeps their order", async () => {
    const ep = endpoint({ delayMs: 5 });
    const b = new ActionBatcher(ep.post, { lingerMs: 5, lanes: 3 });
    await Promise.all([...users(20).map((u) => b.submitMembership(join(u))), ...users(20).map((u) => b.submitMembership(leave(u)))]);
    const steps = ep.requests.map((r) => r.flatMap((c) => c.do.map((s) => Object.keys(s)[0])));
    expect(steps[0]!.every((s) => s === "add")).toBe(true);
    expect(steps.at(-1)!.every((s) => s === "remove")).toBe(true);
    expect(ep.overlaps).toEqual([]);
  });

  it("gives each change its own outcome when a packed command fails: the culprit fails, the others succeed", async () => {
    const ep = endpoint({ missing: ["u17@example.com"] });
    const b = new ActionBatcher(ep.post, { lingerMs: 5 });
    const outcomes = await Promise.all(users(30).map((u) => b.submitMembership(join(u))));
    const failed = outcomes.flatMap((o, i) => (o.completed ? [] : [{ user: `u${i + 1}@example.com`, codes: o.issues.map((x) => x.code) }]));
    expect(failed).toEqual([{ user: "u17@example.com", codes: ["error.user.not_found"] }]);
    // Step 0 applied; step 1 (u11..u20) is retried user by user; step 2 never ran and goes again packed.
    expect(ep.requests[0]!.map((c) => c.do.length)).toEqual([3]);
    const second = ep.requests.slice(1).flat();
    expect(second.filter((c) => "user" in c).map((c) => ("user" in c ? c.user : ""))).toEqual(users(10, 11));
    expect(second.filter((c) => "usergroup" in c).flatMap((c) => usersIn([c]))).toEqual(users(10, 21).map((u) => `user:${u}`));
  });

  it("never puts one user in two commands of a request, nor in two requests in flight, across lanes", async () => {
    const ep = endpoint({ delayMs: 20 });
    const b = new ActionBatcher(ep.post, { lingerMs: 2, lanes: 4 });
    let seed = 7;
    const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    const jobs: Promise<unknown>[] = [];
    for (let i = 0; i < 600; i++) {
      const user = `u${Math.floor(random() * 300)}@example.com`;
      const group = `G${Math.floor(random() * 4)}`;
      const r = random();
      if (r < 0.4) jobs.push(b.submitMembership(join(user, group)));
      else if (r < 0.8) jobs.push(b.submitMembership(leave(user, group)));
      else if (r < 0.9) jobs.push(b.submit(userCommand({ user }, [userSteps.update({ firstname: `F${i}` })])));
      else jobs.push(b.submit(groupCommand(random() < 0.2 ? group : `Other ${i % 7}`, [groupSteps.update({ description: `d${i}` })])));
    }
    await Promise.all(jobs);
    for (const r of ep.requests) {
      const keys = r.flatMap(touched).filter((k) => k.startsWith("user:"));
      expect(new Set(keys).size).toBe(keys.length);
      // A group's own command (update) is alone: no membership command of that group beside it.
      const groupsWithOwnSteps = r.filter((c) => "usergroup" in c && c.do.some((s) => "updateUserGroup" in s)).map((c) => ("usergroup" in c ? c.usergroup : ""));
      for (const g of groupsWithOwnSteps) expect(r.filter((c) => "usergroup" in c && c.usergroup === g)).toHaveLength(1);
    }
    for (const [a, b2] of ep.overlaps) {
      const inA = new Set(usersIn(a));
      expect(usersIn(b2).filter((k) => inA.has(k))).toEqual([]);
    }
    expect(ep.overlaps.length).toBeGreaterThan(0);
  });

  it("sends nothing packed in the per-resource mode", async () => {
    const ep = endpoint();
    const b = new ActionBatcher(ep.post, { lingerMs: 5, commandsPerRequest: 1 });
    await Promise.all(users(3).map((u) => b.submitMembership(join(u))));
    expect(ep.requests.map((r) => r.map((c) => ("user" in c ? "user" : "group")))).toEqual([["user"], ["user"], ["user"]]);
  });
});
