/**
 * The settings a team gets from the template, read from its workflow at run time
 * (templates/org-yaml/.github/workflows/adobe-org.yml): the environment of the workflow, of the job
 * and of the `pulumi/actions` step, and that step's `parallel` and `diff`. Values that are GitHub
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
  env?: Record<string, unknown>;
  with?: Record<string, unknown>;
}
interface Workflow {
  env?: Record<string, unknown>;
  jobs?: Record<string, { env?: Record<string, unknown>; steps?: Step[] }>;
}

const literal = (env: Record<string, unknown> | undefined) => Object.fromEntries(Object.entries(env ?? {}).filter(([, v]) => !String(v).includes("${{")).map(([k, v]) => [k, String(v)]));

function jobSettings(wf: Workflow, job: string): CliSettings {
  const j = wf.jobs?.[job];
  // The step that runs the CLI (an earlier pulumi/actions step may only install it).
  const step = j?.steps?.find((s) => s.uses?.startsWith("pulumi/actions@") && s.with?.command !== undefined);
  if (!step) throw new Error(`${WORKFLOW}: job "${job}" has no pulumi/actions step with a command; the scale benchmark reads its settings from there`);
  const args: string[] = [];
  const parallel = step.with?.parallel === undefined ? undefined : Number(step.with.parallel);
  if (parallel !== undefined) args.push("--parallel", String(parallel));
  if (step.with?.diff === true || step.with?.diff === "true") args.push("--diff");
  return { env: { ...literal(wf.env), ...literal(j?.env), ...literal(step.env) }, args, parallel };
}

export function templateSettings(file = path.join(REPO, WORKFLOW)): TemplateSettings {
  const wf = parse(readFileSync(file, "utf8")) as Workflow;
  return { up: jobSettings(wf, "up"), preview: jobSettings(wf, "preview") };
}

/** The naive baseline: the same settings with per-step checkpoints (the CLI's default). */
export function withCheckpoints(s: CliSettings): CliSettings {
  const env = { ...s.env };
  delete env.PULUMI_SKIP_CHECKPOINTS;
  return { ...s, env };
}
