#!/usr/bin/env node
/**
 * umapi-plan-summary: the summary of an org program's Pulumi run, in the org's terms.
 *
 *   pulumi preview --json > plan.json && umapi-plan-summary plan.json
 *   pulumi up --yes --json | umapi-plan-summary --format text
 *   pulumi preview --refresh --json | umapi-plan-summary --drift
 *
 * Exit codes: 0 the summary was printed (with --drift: and there is no drift); 1 the input is not
 * the JSON of pulumi preview/up --json, or cannot be read; 2 bad arguments; 3 with --drift: the
 * summary was printed and the org differs from the stack.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { hasFindings, renderSummary, summarizeDrift, summarizeRun } from "../provider/review";

const USAGE = `Usage: umapi-plan-summary [<file>] [--format markdown|text] [--drift] [--out <file>] [--max-chars <n>] [--title <text>]

Summarises the JSON of \`pulumi preview --json\` or \`pulumi up --json\` (from <file>, or standard
input) in the org's terms: counts per kind, removals with their onDelete mode, admin roles, renames,
new users and groups, field changes, memberships per group, the validated preview, the removal
budget and policy violations. With --drift, reads \`pulumi preview --refresh --json\` and reports
what differs between the org and the stack.

  --format <f>     markdown (default; GitHub-flavoured, under GitHub's comment limit) or text
  --drift          the input is a preview with --refresh: report drift; exit 3 when there is some
  --out <file>     write the summary here instead of standard output
  --max-chars <n>  the longest summary, in characters (default 60000)
  --title <text>   the heading

Exit codes: 0 printed (with --drift: no drift); 1 unreadable or not Pulumi's JSON; 2 bad arguments;
3 with --drift: printed, and the org differs from the stack.
`;

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  stdin(): string;
}

const processIo: CliIo = { stdout: (t) => void process.stdout.write(t), stderr: (t) => void process.stderr.write(t), stdin: () => readFileSync(0, "utf8") };

interface Values {
  format?: string;
  drift?: boolean;
  out?: string;
  "max-chars"?: string;
  title?: string;
  help?: boolean;
}

/** Runs the CLI; returns the exit code. */
export function run(argv: string[], io: CliIo = processIo): number {
  let values: Values;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { format: { type: "string" }, drift: { type: "boolean" }, out: { type: "string" }, "max-chars": { type: "string" }, title: { type: "string" }, help: { type: "boolean", short: "h" } },
    }));
  } catch (err) {
    return usageError(io, (err as Error).message);
  }
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  const format = values.format ?? "markdown";
  if (format !== "markdown" && format !== "text") return usageError(io, `--format must be markdown or text, got "${format}"`);
  const maxChars = values["max-chars"] === undefined ? undefined : Number(values["max-chars"]);
  if (maxChars !== undefined && !(Number.isInteger(maxChars) && maxChars >= 1000)) return usageError(io, `--max-chars must be a whole number of at least 1000, got "${values["max-chars"]}"`);
  if (positionals.length > 1) return usageError(io, `one input file at most, got ${positionals.length}`);
  try {
    const input = positionals[0] === undefined || positionals[0] === "-" ? io.stdin() : readFileSync(positionals[0], "utf8");
    const summary = values.drift ? summarizeDrift(input) : summarizeRun(input);
    const text = renderSummary(summary, { format, maxChars, title: values.title });
    if (values.out) writeFileSync(values.out, text);
    else io.stdout(text);
    return values.drift && hasFindings(summary) ? 3 : 0;
  } catch (err) {
    io.stderr(`umapi-plan-summary: ${(err as Error).message}\n`);
    return 1;
  }
}

function usageError(io: CliIo, message: string): number {
  io.stderr(`umapi-plan-summary: ${message}\n\n${USAGE}`);
  return 2;
}

if (require.main === module) process.exitCode = run(process.argv.slice(2));
