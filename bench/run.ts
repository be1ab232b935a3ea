/**
 * `npm run bench`: prints a table of request counts, bounds and times, and writes JSON under
 * bench/results/. Select workloads by name: `npm run bench -- client emulator`.
 * `npm run bench -- scale [--sizes 1000,2000] [--backends file,s3] [--settings template,naive]`
 * runs the scale benchmark (hours at its default sizes, so only when named), which prints its own
 * markdown table and writes `scale-<time>.json`.
 */
import { parseArgs } from "node:util";
import { clientCreates } from "./workloads/clientCreates";
import { emulatorSpeed } from "./workloads/emulatorSpeed";
import { cliCreates, cliNoChangePreview, cliRefresh } from "./workloads/cli";
import { snapshot } from "./workloads/snapshot";
import { faults } from "./workloads/faults";
import { bulk, reorg } from "./workloads/bulk";
import { pool } from "./workloads/pool";
import { validate } from "./workloads/validate";
import { DEFAULT_SCALE, scale, type Backend, type ScaleOptions, type Settings } from "./workloads/scale";
import { cpuShareLines, growthLines, scaleTable } from "./workloads/scaleReport";
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

function listOf<T extends string>(flag: string, value: string | undefined, known: readonly T[], fallback: T[]): T[] {
  if (value === undefined) return fallback;
  const items = value.split(",").map((v) => v.trim());
  for (const v of items) if (!known.includes(v as T)) throw new Error(`--${flag}: unknown value "${v}"; known: ${known.join(", ")}`);
  return items as T[];
}

function scaleOptions(v: Record<string, string | undefined>): ScaleOptions {
  const sizes = v.sizes === undefined ? DEFAULT_SCALE.sizes : v.sizes.split(",").map((s) => Number(s.trim().replace(/_/g, "")));
  for (const n of sizes) if (!Number.isInteger(n) || n < 1) throw new Error(`--sizes: "${v.sizes}" is not a list of user counts (e.g. --sizes 1000,2000)`);
  const minutes = (flag: string, fallbackMs: number) => {
    if (v[flag] === undefined) return fallbackMs;
    const n = Number(v[flag]);
    if (!(n > 0)) throw new Error(`--${flag}: "${v[flag]}" is not a number of minutes`);
    return n * 60_000;
  };
  return {
    sizes,
    backends: listOf<Backend>("backends", v.backends, ["file", "s3"], DEFAULT_SCALE.backends),
    settings: listOf<Settings>("settings", v.settings, ["template", "naive"], DEFAULT_SCALE.settings),
    timeScale: v["time-scale"] === undefined ? DEFAULT_SCALE.timeScale : Number(v["time-scale"]),
    naiveLimitMs: minutes("naive-limit-min", DEFAULT_SCALE.naiveLimitMs),
    templateLimitMs: minutes("template-limit-min", DEFAULT_SCALE.templateLimitMs),
  };
}

async function runScale(v: Record<string, string | undefined>): Promise<void> {
  const rows = await scale(scaleOptions(v));
  console.log(scaleTable(rows));
  console.log("\nGrowth of wall time per user, largest size over smallest:");
  for (const line of growthLines(rows)) console.log(`- ${line}`);
  console.log("\nWhere the time goes: CPU of each process over the wall time:");
  for (const line of cpuShareLines(rows)) console.log(`- ${line}`);
  console.log(`\nwritten: ${writeJson(rows, undefined, "scale")}`);
}

async function main(): Promise<void> {
  const flags = ["sizes", "backends", "settings", "time-scale", "naive-limit-min", "template-limit-min"] as const;
  const { values, positionals } = parseArgs({ options: Object.fromEntries(flags.map((f) => [f, { type: "string" as const }])), allowPositionals: true });
  const wanted = positionals.filter((name) => name !== "scale");
  if (positionals.includes("scale")) await runScale(values as Record<string, string | undefined>);
  if (positionals.includes("scale") && wanted.length === 0) return;
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
