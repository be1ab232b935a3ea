/** The org snapshot of a 100,000-user org in a provider-like process: requests and peak memory. */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import path from "node:path";
import { startEmulator } from "../../emulator";
import type { Row } from "../report";

export async function snapshot(users = 100_000): Promise<Row> {
  const emulator = await startEmulator({ throttle: false, generate: { users, groups: 200 } });
  try {
    const script = path.join(__dirname, "snapshotChild.js");
    const env = { ...process.env, UMAPI_ORG_ID: emulator.orgId, UMAPI_CLIENT_ID: emulator.clientId, UMAPI_CLIENT_SECRET: emulator.clientSecret, UMAPI_URL: emulator.umapiUrl, UMAPI_IMS_URL: emulator.imsUrl };
    // Async: the emulator serves from this process, so it must not block while the child reads.
    const { stdout } = await promisify(execFile)(process.execPath, [script], { env, encoding: "utf8" });
    const out = JSON.parse(stdout) as { ms: number; maxRssMb: number; users: number; found: number };
    const m = emulator.metrics();
    const pages = Math.ceil((users + 1) / 2000);
    return { workload: `snapshot of a ${users}-user org (one process)`, requests: m.requests.users, lowerBound: pages, naive: users, wallMs: out.ms, peakRssMb: out.maxRssMb, note: `target < 1024 MB; ${out.found} lookups answered` };
  } finally {
    await emulator.close();
  }
}
