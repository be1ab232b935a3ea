/**
 * `npm run bench`: prints a table of request counts, bounds and times, and writes JSON under
 * bench/results/. Select workloads by name: `npm run bench -- client emulator`.
 */
import { clientCreates } from "./workloads/clientCreates";
import { emulatorSpeed } from "./workloads/emulatorSpeed";
import { printTable, writeJson, type Row } from "./report";

const WORKLOADS: Record<string, () => Promise<Row | Row[]>> = {
  client: () => clientCreates(),
  emulator: () => emulatorSpeed(),
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
