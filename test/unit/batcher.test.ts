import { describe, expect, it } from "vitest";
import { ActionBatcher, userCommand, userSteps, groupCommand, groupSteps, type Command } from "../../provider/umapi";
import { actionResponse } from "../support/actionResponse";

/** A fake action endpoint that records each request and answers with the errors a test scripts. */
function fakeEndpoint(errorsFor: (cmd: Command, requestNo: number) => { step: number; errorCode: string; message: string } | undefined = () => undefined) {
  const requests: Command[][] = [];
  const post = async (commands: Command[]) => {
    const requestNo = requests.push(commands) - 1;
    return { response: actionResponse(commands, (c) => errorsFor(c, requestNo)), requestId: `req-${requestNo}` };
  };
  return { post, requests };
}

const create = (email: string) => userCommand({ user: email }, [userSteps.createEnterpriseID({ email, firstname: "F", lastname: "L" })]);

describe("ActionBatcher packing", () => {
  it("packs concurrent commands into requests of at most 10", async () => {
    const ep = fakeEndpoint();
    const b = new ActionBatcher(ep.post, { lingerMs: 5 });
    const outcomes = await Promise.all(Array.from({ length: 25 }, (_, i) => b.submit(create(`u${i}@example.com`))));
    expect(ep.requests.map((r) => r.length)).toEqual([10, 10, 5]);
    expect(outcomes.every((o) => o.completed)).toBe(true);
  });

  it("merges commands for the same user into one command, in queue order", async () => {
    const ep = fakeEndpoint();
    const b = new ActionBatcher(ep.post, { lingerMs: 5 });
    await Promise.all([
      b.submit(create("a@example.com")),
      b.submit(userCommand({ user: "A@example.com" }, [userSteps.add(["G"])])),
      b.submit(create("b@example.com")),
    ]);
    expect(ep.requests).toHaveLength(1);
    expect(ep.requests[0]!.map((c) => c.do.map((s) => Object.keys(s)[0]))).toEqual([["createEnterpriseID", "add"], ["createEnterpriseID"]]);
  });

  it("never puts the same user twice in one request when merging would break UMAPI's step rules", async () => {
    const ep = fakeEndpoint();
    const b = new ActionBatcher(ep.post, { lingerMs: 5 });
    await Promise.all([
      b.submit(userCommand({ user: "a@example.com" }, [userSteps.removeFromOrg()])),
      b.submit(create("A@example.com")), // a create must be first, and removeFromOrg last
      b.submit(create("b@example.com")),
    ]);
    expect(ep.requests.map((r) => r.map((c) => ("user" in c ? c.user : "")))).toEqual([["a@example.com", "b@example.com"], ["A@example.com"]]);
  });

  it("never puts the same user group twice in one request when it cannot merge", async () => {
    const ep = fakeEndpoint();
    const b = new ActionBatcher(ep.post, { lingerMs: 5 });
    await Promise.all([b.submit(groupCommand("Team", [groupSteps.delete()])), b.submit(groupCommand("team", [groupSteps.addProfiles(["P"])]))]);
    expect(ep.requests.map((r) => r.length)).toEqual([1, 1]);
  });

  it("keeps merged commands within 10 steps", async () => {
    const ep = fakeEndpoint();
    const b = new ActionBatcher(ep.post, { lingerMs: 5 });
    await Promise.all(Array.from({ length: 12 }, (_, i) => b.submit(userCommand({ user: "a@example.com" }, [userSteps.add([`G${i}`])]))));
    expect(ep.requests.map((r) => r.map((c) => c.do.length))).toEqual([[10], [2]]);
  });

  it("sends the chunks of a split command in order, in separate requests", async () => {
    const ep = fakeEndpoint();
    const b = new ActionBatcher(ep.post, { lingerMs: 1 });
    const steps = Array.from({ length: 15 }, (_, i) => userSteps.add([`G${i}`]));
    const outcome = await b.submit(userCommand({ user: "a@example.com" }, steps));
    expect(ep.requests.map((r) => r[0]!.do.length)).toEqual([10, 5]);
    expect(outcome.requestIds).toEqual(["req-0", "req-1"]);
  });

  it("keeps testOnly commands out of real requests", async () => {
    const seen: boolean[] = [];
    const ep = fakeEndpoint();
    const b = new ActionBatcher(async (c, testOnly) => (seen.push(testOnly), ep.post(c)), { lingerMs: 5 });
    await Promise.all([b.submit(create("a@example.com"), { testOnly: true }), b.submit(create("b@example.com"))]);
    expect(seen.sort()).toEqual([false, true]);
  });
});

describe("ActionBatcher error mapping", () => {
  it("fails only the commands an error names (partial result)", async () => {
    const ep = fakeEndpoint((c) => ("user" in c && c.user === "bad@example.com" ? { step: 0, errorCode: "error.user.already_in_org", message: "exists" } : undefined));
    const b = new ActionBatcher(ep.post, { lingerMs: 5 });
    const [ok, bad] = await Promise.all([b.submit(create("ok@example.com")), b.submit(create("bad@example.com"))]);
    expect(ok!.completed).toBe(true);
    expect(bad).toMatchObject({ completed: false, issues: [{ code: "error.user.already_in_org", step: 0, target: "bad@example.com" }] });
  });

  it("maps a step index of a split chunk back to the caller's step", async () => {
    const ep = fakeEndpoint((c, requestNo) => (requestNo === 1 ? { step: 1, errorCode: "error.group.not_found", message: "Group G11 was not found" } : undefined));
    const b = new ActionBatcher(ep.post, { lingerMs: 1 });
    const steps = Array.from({ length: 12 }, (_, i) => userSteps.add([`G${i}`]));
    const outcome = await b.submit(userCommand({ user: "a@example.com" }, steps));
    expect(outcome.issues).toEqual([{ code: "error.group.not_found", message: "Group G11 was not found", step: 11, target: "a@example.com", requestID: undefined }]);
  });

  it("stops a split command at its first failing chunk", async () => {
    const ep = fakeEndpoint(() => ({ step: 0, errorCode: "error.user.nonexistent", message: "User Id does not exist" }));
    const b = new ActionBatcher(ep.post, { lingerMs: 1 });
    const steps = Array.from({ length: 12 }, (_, i) => userSteps.add([`G${i}`]));
    const outcome = await b.submit(userCommand({ user: "a@example.com" }, steps));
    expect(outcome.completed).toBe(false);
    expect(ep.requests).toHaveLength(1);
  });

  it("splits a merged command's failure: earlier parts succeed, the failing part fails, later parts run again", async () => {
    const ep = fakeEndpoint((c, requestNo) => (requestNo === 0 && c.do.length === 3 ? { step: 1, errorCode: "error.group.not_found", message: "Group B was not found" } : undefined));
    const b = new ActionBatcher(ep.post, { lingerMs: 5 });
    const [first, second, third] = await Promise.all([
      b.submit(userCommand({ user: "a@example.com" }, [userSteps.add(["A"])])),
      b.submit(userCommand({ user: "a@example.com" }, [userSteps.add(["B"])])),
      b.submit(userCommand({ user: "a@example.com" }, [userSteps.add(["C"])])),
    ]);
    expect(first!.completed).toBe(true);
    expect(second).toMatchObject({ completed: false, issues: [{ code: "error.group.not_found", step: 0 }] });
    expect(third!.completed).toBe(true);
    expect(ep.requests.map((r) => r[0]!.do.length)).toEqual([3, 1]);
  });

  it("rejects every caller of a request that failed as a whole", async () => {
    const b = new ActionBatcher(async () => {
      throw new Error("HTTP 400 error.command.malformed");
    }, { lingerMs: 1 });
    const results = await Promise.allSettled([b.submit(create("a@example.com")), b.submit(create("b@example.com"))]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
  });
});

/** Virtual time for the batcher: `sleep` parks on a timer that `advance` fires in order. */
function virtualClock() {
  let t = 0;
  const timers: { at: number; fire: () => void }[] = [];
  // Several event-loop turns, so chains of awaits (a request completes, its callers submit again) run.
  const settle = async () => {
    for (let i = 0; i < 5; i++) await new Promise<void>((r) => setImmediate(r));
  };
  return {
    now: () => t,
    sleep: (ms: number) => new Promise<void>((fire) => void timers.push({ at: t + ms, fire })),
    async advance(ms: number) {
      const end = t + ms;
      for (;;) {
        await settle();
        timers.sort((a, b) => a.at - b.at);
        if (!timers.length || timers[0]!.at > end) break;
        const next = timers.shift()!;
        t = next.at;
        next.fire();
      }
      t = end;
      await settle();
    },
  };
}

describe("ActionBatcher pacing", () => {
  it("fills requests from a slow, steady stream of commands instead of sending each alone", async () => {
    // An engine that writes a checkpoint after every step starts one resource every ~160 ms.
    const ep = fakeEndpoint();
    const clock = virtualClock();
    const b = new ActionBatcher(ep.post, { now: clock.now, sleep: clock.sleep });
    const done = Array.from({ length: 30 }, () => undefined as Promise<unknown> | undefined);
    for (let i = 0; i < 30; i++) {
      done[i] = b.submit(create(`u${i}@example.com`));
      await clock.advance(160);
    }
    await clock.advance(5_000);
    await Promise.all(done);
    expect(ep.requests.map((r) => r.length)).toEqual([10, 10, 10]);
  });

  it("sends a burst that stopped after a short quiet period, without waiting for a full request", async () => {
    const ep = fakeEndpoint();
    const clock = virtualClock();
    const b = new ActionBatcher(ep.post, { now: clock.now, sleep: clock.sleep });
    // The first burst of a run has no pace to go by: it waits 250 ms (5 x the 50 ms floor).
    const first = Promise.all(Array.from({ length: 8 }, (_, i) => b.submit(create(`a${i}@example.com`))));
    await clock.advance(249);
    expect(ep.requests).toHaveLength(0);
    await clock.advance(2);
    await first;
    // Later bursts go after the floor: the pace is known (a burst), and the callers were waiting.
    const second = Promise.all(Array.from({ length: 8 }, (_, i) => b.submit(create(`b${i}@example.com`))));
    await clock.advance(49);
    expect(ep.requests).toHaveLength(1);
    await clock.advance(2);
    await second;
    expect(ep.requests.map((r) => r.length)).toEqual([8, 8]);
  });

  it("never holds a command longer than the longest linger", async () => {
    const ep = fakeEndpoint();
    const clock = virtualClock();
    const b = new ActionBatcher(ep.post, { now: clock.now, sleep: clock.sleep, maxLingerMs: 1_000 });
    // One command every 160 ms never leaves the queue quiet for 320 ms: only the 1 s cap sends.
    for (let i = 0; i < 14; i++) {
      void b.submit(create(`u${i}@example.com`));
      await clock.advance(160);
    }
    await clock.advance(2_000);
    expect(ep.requests.map((r) => r.length)).toEqual([7, 7]);
  });

  it("sends one command a request, unmerged, in the per-resource mode", async () => {
    const ep = fakeEndpoint();
    const b = new ActionBatcher(ep.post, { lingerMs: 5, commandsPerRequest: 1 });
    await Promise.all([b.submit(create("a@example.com")), b.submit(userCommand({ user: "a@example.com" }, [userSteps.add(["G"])])), b.submit(create("b@example.com"))]);
    expect(ep.requests.map((r) => r.map((c) => c.do.length))).toEqual([[1], [1], [1]]);
  });
});

describe("ActionBatcher pacing with few callers", () => {
  it("does not stretch its wait when every caller is waiting for the previous request", async () => {
    // The engine's default parallelism: 8 resources at a time, each queuing its next command as soon
    // as its previous one completes. The request takes 500 ms; the quiet period must stay short.
    const clock = virtualClock();
    const requests: { at: number; size: number }[] = [];
    const b = new ActionBatcher(
      async (commands) => {
        requests.push({ at: clock.now(), size: commands.length });
        await clock.sleep(500);
        return { response: { completed: commands.length, notCompleted: 0, completedInTestMode: 0, result: "success" }, requestId: `r${requests.length}` };
      },
      { now: clock.now, sleep: clock.sleep },
    );
    const worker = async (w: number) => {
      for (let i = 0; i < 5; i++) await b.submit(create(`w${w}-${i}@example.com`));
    };
    const all = Promise.all(Array.from({ length: 8 }, (_, w) => worker(w)));
    await clock.advance(10_000);
    await all;
    expect(requests.map((r) => r.size)).toEqual([8, 8, 8, 8, 8]);
    // The first after the run's first 250 ms; each next one 50 ms (the floor) after the previous completed.
    expect(requests.map((r) => r.at)).toEqual([250, 800, 1350, 1900, 2450]);
  });
});
