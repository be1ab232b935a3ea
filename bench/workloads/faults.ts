/**
 * Reliability figures: `pulumi up` of 500 users with memberships while 20% of UMAPI requests fail
 * (429/502/503/504) and 5% of write responses are lost. Prints faults injected, retries, requests
 * and whether the org converged to the declaration.
 */
import { createStack } from "../../scripts/lib/localStack";
import type { Row } from "../report";

export async function faults(users = 500): Promise<Row> {
  const t = await createStack({
    program: "examples/large-org",
    config: { users: String(users), memberships: "2" },
    emulator: { timeScale: 600, faults: { status429: 0.05, status502: 0.05, status503: 0.05, status504: 0.05, responseLost: 0.05, retryAfterSeconds: 1, seed: 11 } },
    env: { UMAPI_TIME_SCALE: "600", UMAPI_MAX_ATTEMPTS: "12", PULUMI_PARALLEL: "64", PULUMI_SKIP_CHECKPOINTS: "true" },
  });
  try {
    const start = Date.now();
    const res = await t.up();
    const wallMs = Date.now() - start;
    const m = t.emulator.metrics();
    const f = m.faults;
    const injected = f.status429 + f.status502 + f.status503 + f.status504 + f.connectionReset + f.responseLost;
    const bench = t.emulator.state().users.filter((u) => u.email.startsWith("bench"));
    const converged = bench.length === users && bench.every((u) => u.groups.length === 2);
    t.emulator.setFaults(null);
    const again = await t.preview();
    const noop = Object.keys(again.changeSummary).every((k) => k === "same");
    return {
      workload: `faults: up of ${users} users x2 memberships, 20% failures + 5% lost writes`,
      requests: m.requests.action,
      lowerBound: Math.ceil(users / 10),
      throttled: m.throttled,
      timeScale: 600,
      wallMs,
      note: `${res.summary.result}; faults injected ${injected} (429 ${f.status429}, 502 ${f.status502}, 503 ${f.status503}, 504 ${f.status504}, lost ${f.responseLost}) = retries; converged ${converged}; second up no-op ${noop}`,
    };
  } finally {
    await t.dispose();
  }
}
