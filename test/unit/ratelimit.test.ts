import { describe, expect, it } from "vitest";
import { SlidingWindowLimiter } from "../../provider/umapi";

/** A manual clock: sleeping advances time instantly, so windows can be checked exactly. */
function fakeClock() {
  let t = 0;
  const sleeps: number[] = [];
  return { now: () => t, sleep: async (ms: number) => void (sleeps.push(ms), (t += ms)), sleeps, advance: (ms: number) => (t += ms) };
}

describe("client-side sliding window", () => {
  it("lets `limit` requests through per window, then waits for the oldest to leave it", async () => {
    const c = fakeClock();
    const l = new SlidingWindowLimiter(3, 60_000, c.now, c.sleep);
    for (let i = 0; i < 3; i++) (await l.acquire()).release();
    expect(c.sleeps).toEqual([]);
    const slot = await l.acquire();
    expect(slot.waitedMs).toBe(60_000);
    expect(c.now()).toBe(60_000);
  });

  it("counts a slot from the request's completion, never undercounting the server's window", async () => {
    const c = fakeClock();
    const l = new SlidingWindowLimiter(1, 1000, c.now, c.sleep);
    const s = await l.acquire();
    c.advance(300); // the request takes 300 ms
    s.release();
    const next = await l.acquire();
    expect(next.waitedMs).toBe(1000);
    expect(c.now()).toBe(1300);
  });

  it("serves callers in order", async () => {
    const c = fakeClock();
    const l = new SlidingWindowLimiter(1, 100, c.now, c.sleep);
    const order: number[] = [];
    await Promise.all([0, 1, 2].map(async (i) => {
      const s = await l.acquire();
      order.push(i);
      s.release();
    }));
    expect(order).toEqual([0, 1, 2]);
  });
});
