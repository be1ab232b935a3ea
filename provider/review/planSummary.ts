/**
 * The summary of one Pulumi run of an org program: its changes in the org's terms (orgChanges), and
 * what the run said about them: the validated preview's line, the removal brake's line and the
 * budget it used, policy violations, errors and warnings.
 */
import { defaultLimit } from "../orgfile/removalBrake";
import { removalLimit, type RemovalBudget } from "../orgfile/schema";
import { orgChanges, type OrgChanges } from "./orgChanges";
import { readPulumiRun, type Diagnostic, type PolicyViolation, type PulumiRun, type StepJson } from "./pulumiJson";

export interface PlanSummary {
  /** preview: a plan; up: what an up applied; drift: what differs between the org and the stack. */
  mode: "preview" | "up" | "drift";
  changes: OrgChanges;
  /** The validated preview's line (`umapi: UMAPI validated ...`, `umapi: this preview is not validated ...`, `umapi: nothing to validate ...`). */
  validation?: string;
  /** The removal brake's line (`org.yaml removes 2 users ...`). */
  removalBrake?: string;
  removalBudget?: { used: number; limit: number; managed: number; configured?: RemovalBudget };
  violations: PolicyViolation[];
  /** False when the input could not carry violations (the preview document, not streamed events). */
  violationsKnown: boolean;
  errors: string[];
  warnings: string[];
  /** The up's result (succeeded, failed), when known. */
  result?: string;
}

/** The summary of `pulumi preview --json` or `pulumi up --json` output (text) or of a run already read. */
export function summarizeRun(input: string | PulumiRun): PlanSummary {
  const run = typeof input === "string" ? readPulumiRun(input) : input;
  const changes = orgChanges(run.steps, run.failed);
  changes.failed = changes.failed.map((name) => withFailedUsers(name, run));
  return { mode: run.kind, changes, ...notesOf(run), removalBudget: budgetUsed(run.steps, changes), result: run.result };
}

/** A failed AdobeUsers set, with the users its error names: `users:12 (zed@example.com)`. */
function withFailedUsers(name: string, run: PulumiRun): string {
  if (!/^users:\d+$/.test(name)) return name;
  const users = new Set<string>();
  for (const d of run.diagnostics) {
    if (d.severity !== "error" || !d.urn?.endsWith(`::${name}`)) continue;
    for (const m of d.message.matchAll(/- AdobeUser "([^"]+)"/g)) users.add(m[1]!);
  }
  return users.size > 0 ? `${name} (${[...users].sort().join(", ")})` : name;
}

type Notes = Pick<PlanSummary, "validation" | "removalBrake" | "violations" | "violationsKnown" | "errors" | "warnings">;

export function notesOf(run: PulumiRun): Notes {
  const lines = (d: Diagnostic) => d.message.trim();
  const info = run.diagnostics.filter((d) => d.severity === "info").map(lines);
  return {
    validation: info.find((m) => m.startsWith("umapi: ")),
    removalBrake: info.find((m) => / removes \d+ users? \(/.test(m)),
    violations: run.violations,
    violationsKnown: run.streamed,
    errors: run.diagnostics.filter((d) => d.severity === "error").map(lines).filter((m) => m !== "error: preview failed" && m !== "error: update failed"),
    warnings: run.diagnostics.filter((d) => d.severity === "warning").map(lines),
  };
}

/** Users removed against the removal budget the stack exported (settings.removalBudget), of the users it managed at its last update. */
function budgetUsed(steps: readonly StepJson[], changes: OrgChanges): PlanSummary["removalBudget"] {
  const stack = steps.find((s) => (s.newState ?? s.oldState)?.type === "pulumi:pulumi:Stack");
  const previous = stack?.oldState?.outputs;
  const managed = Array.isArray(previous?.managedUsers) ? previous.managedUsers.length : undefined;
  if (managed === undefined) return undefined;
  const settings = (stack?.newState?.outputs?.settings ?? previous?.settings) as { removalBudget?: RemovalBudget } | undefined;
  const configured = settings?.removalBudget;
  const limit = configured ? removalLimit(configured, managed) : defaultLimit(managed);
  // Replaced users are re-created, not removed: the brake does not count them.
  const used = changes.removals.filter((r) => r.kind === "user" && !r.replaced).length;
  return { used, limit, managed, configured };
}
