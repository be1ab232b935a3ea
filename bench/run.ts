/**
 * `npm run bench`: prints a table of request counts, bounds and times, and writes JSON under
 * bench/results/. Select workloads by name: `npm run bench -- client emulator`.
 */
import { clientCreates } from "./workloads/clientCreates";
import { emulatorSpeed } from "./workloads/emulatorSpeed";
import { cliCreates, cliNoChangePreview, cliRefresh } from "./workloads/cli";
import { snapshot } from "./workloads/snapshot";
import { faults } from "./workloads/faults";
import { bulk, reorg } from "./workloads/bulk";
import { pool } from "./workloads/pool";
import { validate } from "./workloads/validate";
import { printTable, writeJson, type Row } from "./report";

const WORKLOADS: Record<string, () => Promise<Row | Row[]>> = {
  client: () => clientCreates(),
  emulator: () => emulatorSpeed(),
  snapshot: () => snapshot(100_000),
  create: () => cliCreates(1000),
  preview: () => cliNoChangePreview(1000),
  refresh: () => cliRefresh(10_000, 200),
  faults: () => faults(500),
  reorg: () => reorg(10_000),
  pool: () => pool(5000),
  bulk: () => bulk(1000),
  validate: () => validate(1000),
};

async function main(): Promise<void> {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith("-"));
  const names = wanted.length > 0 ? wanted : Object.keys(WORKLOADS);
  const rows: Row[] = [];
  for (const name of names) {
    const run = WORKLOADS[name];
    if (!run) throw new Error(`unknown workload "${name}"; known: ${Object.keys(WORKLOADS).join(", ")}`);
    process.stderr.write(`bench: running ${name}...\n`);
    rows.push(...[await run()].flat());
  }
  printTable(rows);
  console.log(`\nwritten: ${writeJson(rows)}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
