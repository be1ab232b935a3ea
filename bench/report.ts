/** Benchmark results: one row per workload, printed as a table and written as JSON. */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

export interface Row {
  workload: string;
  /** UMAPI requests sent (the machine-independent figure). */
  requests?: number;
  /** The least requests the workload can be done in. */
  lowerBound?: number;
  /** Requests of the same workload in the per-resource (naive) mode, measured in the same run. */
  naive?: number;
  throttled?: number;
  wallMs?: number;
  /** Wall time the throttle allows at best, at the emulator's time scale. */
  boundMs?: number;
  /** The emulator's time scale (60: one UMAPI minute lasts one second). */
  timeScale?: number;
  peakRssMb?: number;
  note?: string;
}

const fmt = (v: number | undefined, digits = 0) => (v === undefined ? "-" : v.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits }));
const ratio = (a?: number, b?: number) => (a === undefined || b === undefined || b === 0 ? undefined : a / b);

export function printTable(rows: Row[]): void {
  const header = ["workload", "requests", "bound", "req/bound", "naive", "429s", "scale", "wall s", "bound s", "wall/bound", "peak MB", "note"];
  const lines = rows.map((r) => [
    r.workload,
    fmt(r.requests),
    fmt(r.lowerBound),
    fmt(ratio(r.requests, r.lowerBound), 2),
    fmt(r.naive),
    fmt(r.throttled),
    fmt(r.timeScale),
    fmt(r.wallMs === undefined ? undefined : r.wallMs / 1000, 1),
    fmt(r.boundMs === undefined ? undefined : r.boundMs / 1000, 1),
    fmt(ratio(r.wallMs, r.boundMs), 2),
    fmt(r.peakRssMb),
    r.note ?? "",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd();
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const l of lines) console.log(line(l));
}

/** Writes `rows` to `<dir>/<prefix>-<time>.json`; returns the file's path. */
export function writeJson(rows: readonly object[], dir = path.resolve(__dirname, "../../bench/results"), prefix = "bench"): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${prefix}-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), node: process.version, rows }, null, 2));
  return file;
}
