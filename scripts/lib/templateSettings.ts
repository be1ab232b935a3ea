/**
 * The settings a team gets from the template, read from its workflow at run time
 * (templates/org-yaml/.github/workflows/adobe-org.yml): the environment of the workflow, of the job
 * and of the step that runs the CLI, and that step's flags (`parallel` and `diff` of a
 * `pulumi/actions` step, or the flags of a `pulumi up` line in a `run` script). Values that are GitHub
 * expressions (`${{ secrets.X }}`) are left out: the benchmark supplies its own backend and secrets.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { REPO } from "./localStack";

export const WORKFLOW = "templates/org-yaml/.github/workflows/adobe-org.yml";

export interface CliSettings {
  /** Environment variables the workflow sets for the CLI. */
  env: Record<string, string>;
  /** Extra `pulumi` arguments (`--parallel N`, `--diff`). */
  args: string[];
  /** The step's `parallel`, when it sets one. */
  parallel?: number;
}

/** The `up` job's settings (adopt, edit, reorg) and the `preview` job's (the no-change preview). */
export interface TemplateSettings {
  up: CliSettings;
  preview: CliSettings;
}

interface Step {
  uses?: string;
  run?: string;
  env?: Record<string, unknown>;
  with?: Record<string, unknown>;
}
interface Workflow {
  env?: Record<string, unknown>;
  jobs?: Record<string, { env?: Record<string, unknown>; steps?: Step[] }>;
}

const literal = (env: Record<string, unknown> | undefined) => Object.fromEntries(Object.entries(env ?? {}).filter(([, v]) => !String(v).includes("${{")).map(([k, v]) => [k, String(v)]));

/** Flags of a `pulumi <command>` line that the benchmark supplies itself (stack, policy pack, prompts). */
const OWN_FLAGS = new Set(["--yes", "--skip-preview"]);
const OWN_FLAGS_WITH_VALUE = new Set(["--stack", "--policy-pack", "--policy-pack-config"]);

/** The flags of the `pulumi <command>` invocation in a `run` script (continuations joined, output redirects dropped). */
function runFlags(script: string, command: string): string[] | undefined {
  const line = script.replace(/\\\n/g, " ").split("\n").find((l) => new RegExp(`(^|\\s)pulumi\\s+${command}(\\s|$)`).test(l));
  if (line === undefined) return undefined;
  const tokens = line.slice(line.indexOf(`pulumi ${command}`) + `pulumi ${command}`.length).split(/\s+/).filter(Boolean);
  const flags: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    if (/^\d*>/.test(tok) || tok === "|" || tok === "&&" || tok === ";") break;
    // A shell expansion ("${refresh[@]}") holds flags of a manual run; the push-triggered run's are empty.
    if (/^"?\$/.test(tok)) continue;
    if (OWN_FLAGS_WITH_VALUE.has(tok)) i++;
    else if (!OWN_FLAGS.has(tok)) flags.push(tok);
  }
  return flags;
}

function jobSettings(wf: Workflow, job: string, command: "up" | "preview"): CliSettings {
  const j = wf.jobs?.[job];
  // The step that runs the CLI: a pulumi/actions step with a command (an earlier one may only
  // install the CLI), or a `run` script calling `pulumi <command>`.
  for (const step of j?.steps ?? []) {
    const env = { ...literal(wf.env), ...literal(j?.env), ...literal(step.env) };
    if (step.uses?.startsWith("pulumi/actions@") && step.with?.command !== undefined) {
      const args: string[] = [];
      if (step.with.parallel !== undefined) args.push("--parallel", String(step.with.parallel));
      if (step.with.diff === true || step.with.diff === "true") args.push("--diff");
      return { env, args, parallel: step.with.parallel === undefined ? undefined : Number(step.with.parallel) };
    }
    const args = step.run === undefined ? undefined : runFlags(step.run, command);
    if (args) {
      const at = args.indexOf("--parallel");
      return { env, args, parallel: at >= 0 ? Number(args[at + 1]) : undefined };
    }
  }
  throw new Error(`${WORKFLOW}: job "${job}" has no step running pulumi ${command} (a pulumi/actions step with a command, or a run script); the scale benchmark reads its settings from there`);
}

export function templateSettings(file = path.join(REPO, WORKFLOW)): TemplateSettings {
  const wf = parse(readFileSync(file, "utf8")) as Workflow;
  return { up: jobSettings(wf, "up", "up"), preview: jobSettings(wf, "preview", "preview") };
}

/** The naive baseline: the same settings with per-step checkpoints (the CLI's default). */
export function withCheckpoints(s: CliSettings): CliSettings {
  const env = { ...s.env };
  delete env.PULUMI_SKIP_CHECKPOINTS;
  return { ...s, env };
}

/** The environment the workflow gives every job (its top-level `env`, GitHub expressions left out). */
export function workflowEnv(file = path.join(REPO, WORKFLOW)): Record<string, string> {
  return literal((parse(readFileSync(file, "utf8")) as Workflow).env);
}
