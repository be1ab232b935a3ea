/** Child process of the snapshot workload: loads the org view the provider uses, reports time and peak RSS. */
import { UmapiClient } from "../../provider/umapi/client";
import { OrgView } from "../../provider/host/orgView";

async function main() {
  const view = new OrgView(new UmapiClient({ rateLimits: false }), "snapshot");
  const start = Date.now();
  let found = 0;
  for (const i of [1, 50_000, 99_999]) if (await view.findUser(`user${i}@example.com`)) found++;
  process.stdout.write(JSON.stringify({ ms: Date.now() - start, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024), found }));
}

void main();
