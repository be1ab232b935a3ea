/**
 * Child process of the snapshot workload: looks up every user of the generated org through the org
 * view the provider uses, in the given read mode, and reports time and peak RSS.
 */
import pLimit from "p-limit";
import { UmapiClient } from "../../provider/umapi/client";
import { OrgView, type ReadMode } from "../../provider/host/orgView";

async function main() {
  const mode = (process.argv[2] ?? "snapshot") as ReadMode;
  const users = Number(process.argv[3] ?? 100_000);
  const view = new OrgView(new UmapiClient({ rateLimits: false }), mode);
  // As many lookups at once as the engine's refresh would run with PULUMI_PARALLEL=64.
  const limit = pLimit(64);
  const start = Date.now();
  const found = await Promise.all(Array.from({ length: users }, (_, i) => limit(async () => Boolean(await view.findUser(`user${i + 1}@example.com`)))));
  process.stdout.write(JSON.stringify({ ms: Date.now() - start, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024), found: found.filter(Boolean).length }));
}

void main();
