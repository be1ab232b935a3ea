/**
 * Reading every user of a 100,000-user org in a provider-like process: the paged snapshot against
 * one GET per user (the per-object mode), with requests and peak memory.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import path from "node:path";
import { startEmulator, type RunningEmulator } from "../../emulator";
import type { ReadMode } from "../../provider/host/orgView";
import type { Row } from "../report";

interface ChildResult {
  ms: number;
  maxRssMb: number;
  found: number;
  requests: number;
}

/** Looks up every user of the emulator's org from a provider-like child process, in one read mode. */
async function readOrg(emulator: RunningEmulator, users: number, mode: ReadMode): Promise<ChildResult> {
  emulator.resetMetrics();
  const script = path.join(__dirname, "snapshotChild.js");
  const env = { ...process.env, UMAPI_ORG_ID: emulator.orgId, UMAPI_CLIENT_ID: emulator.clientId, UMAPI_CLIENT_SECRET: emulator.clientSecret, UMAPI_URL: emulator.umapiUrl, UMAPI_IMS_URL: emulator.imsUrl };
  // Async: the emulator serves from this process, so it must not block while the child reads.
  const { stdout } = await promisify(execFile)(process.execPath, [script, mode, String(users)], { env, encoding: "utf8", maxBuffer: 1 << 20 });
  const m = emulator.metrics();
  return { ...(JSON.parse(stdout) as Omit<ChildResult, "requests">), requests: m.requests.users + m.requests.user };
}

export async function snapshot(users = 100_000): Promise<Row[]> {
  // No throttle: the figures are the request counts and the memory; times are the machine's.
  const emulator = await startEmulator({ throttle: false, generate: { users, groups: 200 } });
  let paged: ChildResult;
  let naive: ChildResult;
  try {
    paged = await readOrg(emulator, users, "snapshot");
    naive = await readOrg(emulator, users, "perObject");
  } finally {
    await emulator.close();
  }
  const pages = Math.ceil((users + 1) / 2000);
  // At UMAPI's 25 user reads a minute.
  const atThrottle = (requests: number) => `${(requests / 25).toLocaleString("en-US", { maximumFractionDigits: 0 })} min at 25 reads/min`;
  return [
    {
      workload: `snapshot: every user of a ${users.toLocaleString("en-US")}-user org, paged`,
      requests: paged.requests,
      lowerBound: pages,
      naive: naive.requests,
      wallMs: paged.ms,
      peakRssMb: paged.maxRssMb,
      note: `${paged.found} users found; target < 1024 MB; ${atThrottle(paged.requests)}, naive ${atThrottle(naive.requests)}`,
    },
    { workload: `snapshot: the same, naive (one GET per user, 64 at once)`, requests: naive.requests, lowerBound: pages, wallMs: naive.ms, peakRssMb: naive.maxRssMb, note: `${naive.found} users found; emulator throttle off` },
  ];
}
