/** The scale benchmark's markdown table and how each operation's cost grows with the org. */
import type { ScaleRow } from "./scale";

const MB = 1024 * 1024;
const num = (v: number | undefined, digits = 0) => (v === undefined ? "-" : v.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits }));
const mb = (bytes: number | undefined, digits = 0) => num(bytes === undefined ? undefined : bytes / MB, digits);

export function scaleTable(rows: ScaleRow[]): string {
  const lines = [
    "| users | operation | backend | settings | wall s | UMAPI requests (action / read) | state MB | peak RSS MB: CLI / program / provider | CPU s: CLI / program / provider / S3 server / emulator | load | result |",
    "|---|---|---|---|---|---|---|---|---|---|---|",
  ];
  for (const r of rows) {
    const rss = `${mb(r.peakRss.cli)} / ${mb(r.peakRss.program)} / ${mb(r.peakRss.provider)}`;
    lines.push(`| ${num(r.users)} | ${r.operation} | ${r.backend} | ${r.settings} | ${num(r.wallMs / 1000, 1)} | ${r.requests} (${r.actionRequests} / ${r.readRequests}) | ${mb(r.stateBytes, 1)} | ${rss} | ${cpuCell(r)} | ${num(r.load[0], 1)}-${num(r.load[1], 1)} | ${r.result} |`);
  }
  return lines.join("\n");
}

const seconds = (ms: number | undefined) => num(ms === undefined ? undefined : ms / 1000, 1);

function cpuCell(r: ScaleRow): string {
  const c = r.cpuMs ?? {};
  return [c.cli, c.program, c.provider, c.s3, c.emulator].map(seconds).join(" / ");
}

/**
 * Where the time goes: each process's CPU as a share of the run's wall time (on 2 cores the sum
 * can pass 100 %), per operation at each size, from the same rows.
 */
export function cpuShareLines(rows: ScaleRow[]): string[] {
  const out: string[] = [];
  for (const r of rows.filter((x) => x.result === "ok" && x.cpuMs)) {
    const c = r.cpuMs;
    const share = (ms: number | undefined) => `${Math.round(((ms ?? 0) / r.wallMs) * 100)} %`;
    const busy = ["cli", "program", "provider", "other", "s3", "emulator"].reduce((sum, k) => sum + (c[k] ?? 0), 0);
    out.push(
      `${num(r.users)} users, ${r.operation}, ${r.backend}, ${r.settings}: wall ${seconds(r.wallMs)} s; CPU CLI ${share(c.cli)}, program ${share(c.program)}, provider ${share(c.provider)}, S3 server ${share(c.s3)}, emulator ${share(c.emulator)}, other ${share(c.other)}; all processes ${seconds(busy)} s`,
    );
  }
  return out;
}

/**
 * Per operation, backend and settings: wall time per user at the largest size that finished over
 * the same at the smallest (1.0: linear; 10 over a 10× range: quadratic).
 */
export function growthLines(rows: ScaleRow[]): string[] {
  const groups = new Map<string, ScaleRow[]>();
  for (const r of rows.filter((x) => x.result === "ok")) {
    const key = `${r.operation}, ${r.backend}, ${r.settings}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const out: string[] = [];
  for (const [key, rs] of groups) {
    const sorted = [...rs].sort((a, b) => a.users - b.users);
    const small = sorted[0]!;
    const large = sorted.at(-1)!;
    if (small.users === large.users) continue;
    const perUser = (r: ScaleRow) => r.wallMs / r.users;
    out.push(
      `${key}: ${num(small.users)} -> ${num(large.users)} users (${num(large.users / small.users, 1)}x), wall ${num(small.wallMs / 1000, 1)} s -> ${num(large.wallMs / 1000, 1)} s (${num(large.wallMs / small.wallMs, 1)}x); per user ${num(perUser(large) / perUser(small), 2)}x`,
    );
  }
  return out;
}
