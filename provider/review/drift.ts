/**
 * Drift: what differs between the org and the stack, from `pulumi preview --refresh --json`: the
 * stored state of each resource against what the refresh read, never the program's changes.
 * Streamed (PULUMI_ENABLE_STREAMING_JSON_PREVIEW=true), each `refresh` step carries both. The
 * preview document of CLI 3.259 gives a `refresh` step whose states are both the stored one, then
 * the plan against the refreshed state: a resource the refresh found changed is an `update` whose
 * oldState is what the org has now, one it found gone is a `create`; both forms are read. Fields only the provider fills in
 * (userId, status, groupId, orgId, ...) are left out: a read records them the first time
 * (UMAPI's action responses carry no ids, so a create cannot), which is not a change in the org.
 */
import { orgChanges, type OrgChanges } from "./orgChanges";
import { notesOf, type PlanSummary } from "./planSummary";
import { readPulumiRun, type PulumiRun, type StateJson, type StepJson } from "./pulumiJson";

export function summarizeDrift(input: string | PulumiRun): PlanSummary {
  const run = typeof input === "string" ? readPulumiRun(input) : input;
  const { errors, warnings } = notesOf(run);
  return { mode: "drift", changes: driftChanges(run.steps), violations: [], violationsKnown: true, errors, warnings, result: run.result };
}

export function driftChanges(steps: readonly StepJson[]): OrgChanges {
  const refreshed = new Map<string, StepJson>();
  for (const s of steps) if (s.op === "refresh" && s.oldState) refreshed.set(s.urn, s);
  const drifted = new Map<string, StepJson>();
  // Streamed events: a refresh step's newState is what the read found (none: gone from the org).
  for (const [urn, r] of refreshed) {
    if (!r.newState?.outputs) drifted.set(urn, { op: "delete", urn, oldState: asOutputs(r.oldState!) });
    else drifted.set(urn, { op: "update", urn, oldState: asOutputs(r.oldState!), newState: asOutputs(r.newState) });
  }
  // The preview document: the plan step of a refreshed resource starts from what the read found.
  for (const s of steps) {
    const before = refreshed.get(s.urn)?.oldState;
    if (s.op === "refresh" || !before) continue;
    if (s.op === "create" || s.op === "create-replacement") drifted.set(s.urn, { op: "delete", urn: s.urn, oldState: asOutputs(before) });
    else if ((s.op === "update" || s.op === "replace") && s.oldState) drifted.set(s.urn, { op: "update", urn: s.urn, oldState: asOutputs(before), newState: asOutputs(s.oldState) });
  }
  return orgChanges([...drifted.values()]);
}

/** A state as the org has it: its outputs (what the provider read or wrote), not the program's inputs. */
function asOutputs(state: StateJson): StateJson {
  return { urn: state.urn, type: state.type, id: state.id, outputs: state.outputs ?? state.inputs };
}

/** True when a summary has anything to report (a change, a violation or an error). */
export function hasFindings(summary: PlanSummary): boolean {
  const c = summary.changes.counts;
  return Object.values(c).some((k) => k.added + k.changed + k.removed > 0) || summary.changes.renames.length > 0 || summary.violations.length > 0 || summary.errors.length > 0;
}
