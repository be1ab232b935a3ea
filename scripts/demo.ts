/**
 * `npm run demo`: the main job on the embedded default org. Makes sure the Pulumi CLI is there,
 * starts the UMAPI emulator, runs `pulumi up` of examples/org-from-yaml on a local backend, then a
 * no-change preview, then shows the policy pack rejecting examples/violations, and prints a summary.
 * Leaves nothing running.
 */
import { createStack, pulumiBin, type TestStack } from "./lib/localStack";

const log = (s = "") => process.stdout.write(s + "\n");
const step = (n: number, text: string) => log(`\n\x1b[1m[${n}/5] ${text}\x1b[0m`);

async function main(): Promise<void> {
  const started = Date.now();
  const stacks: TestStack[] = [];
  try {
    step(1, "Pulumi CLI (built from the Go module proxy on first use)");
    log(`    ${pulumiBin()}`);

    step(2, "Starting the UMAPI emulator with its default org");
    const org = await createStack({ program: "examples/org-from-yaml" });
    stacks.push(org);
    log(`    UMAPI ${org.emulator.umapiUrl} (org ${org.emulator.orgId}, throttled at UMAPI's limits, time scale 60)`);

    step(3, "pulumi up examples/org-from-yaml/org.yaml");
    const up = await org.up();
    log(up.stdout.trimEnd());
    const afterUp = org.emulator.metrics();

    step(4, "pulumi preview again: nothing to change, no UMAPI call");
    org.emulator.resetMetrics();
    const preview = await org.preview();
    const changes = Object.entries(preview.changeSummary).filter(([k]) => k !== "same");
    const previewRequests = org.emulator.metrics().requests.total;
    log(`    changes: ${changes.length === 0 ? "none" : JSON.stringify(Object.fromEntries(changes))}; UMAPI requests during preview: ${previewRequests}`);

    step(5, "pulumi preview --policy-pack policy on examples/violations");
    const bad = await createStack({ program: "examples/violations" });
    stacks.push(bad);
    const res = await bad.cli(["preview", "--policy-pack", `${process.cwd()}/policy`, "--policy-pack-config", `${process.cwd()}/examples/violations/policy-config.json`]);
    // The CLI's "Policies:" block: each violation with its message.
    const out = res.stdout + res.stderr;
    const start = Math.max(0, out.indexOf("Policies:"));
    const end = out.indexOf("Diagnostics:", start);
    const block = out.slice(start, end > start ? end : undefined).split("\n").filter((l) => l.trim() !== "");
    log(block.slice(0, 40).map((l) => "    " + l.trimEnd()).join("\n"));
    log(`    → preview ${res.code === 0 ? "passed (unexpected!)" : "refused by the policy pack"} (exit code ${res.code})`);

    const resources = Object.values(up.summary.resourceChanges ?? {}).reduce((a, b) => a + (b ?? 0), 0);
    const r = afterUp.requests;
    log("\n\x1b[1mSummary\x1b[0m");
    log(`    resources created by up:   ${up.summary.resourceChanges?.create ?? 0} (of ${resources} in the stack)`);
    log(`    UMAPI requests during up:  action ${r.action}, users ${r.users}, user ${r.user}, users-by-group ${r.usersByGroup}, groups ${r.groups}, ims ${r.ims}; 429s ${afterUp.throttled}`);
    log(`    action commands:           ${afterUp.actionCommands}`);
    log(`    no-change preview:         ${changes.length === 0 ? "no changes" : "CHANGES"}, ${previewRequests} UMAPI requests`);
    log(`    policy pack on violations: ${res.code === 0 ? "NOT refused" : "refused"}`);
    log(`    total time:                ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (changes.length > 0 || previewRequests > 0 || res.code === 0) process.exitCode = 1;
  } finally {
    for (const s of stacks) await s.dispose();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
