/**
 * For benchmarks: with UMAPI_STATS_FILE set, the provider process keeps a JSON file of its UMAPI
 * requests by endpoint class and its peak memory up to date (the engine may kill the process at the
 * end, so the file is rewritten every half second rather than only at exit).
 */
import { writeFileSync } from "node:fs";
import type { RequestCounts } from "../umapi/client";

export function startStatsFile(counts: RequestCounts, env: NodeJS.ProcessEnv = process.env): void {
  const file = env.UMAPI_STATS_FILE;
  if (!file) return;
  const write = () => {
    const stats = { pid: process.pid, requests: counts, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) };
    try {
      writeFileSync(`${file}.${process.pid}`, JSON.stringify(stats));
    } catch {
      /* a benchmark aid must never fail the provider */
    }
  };
  setInterval(write, 500).unref();
  process.on("exit", write);
}
