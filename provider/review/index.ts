/**
 * Review summaries of an org program's runs: a plan (`pulumi preview --json`), what an up applied
 * (`pulumi up --json`), and drift (`pulumi preview --refresh --json`), in the org's own terms, as
 * GitHub-flavoured markdown or plain text. Used by the `umapi-plan-summary` CLI and the template's workflows.
 */
export { readPulumiRun, jsonDocuments, PulumiJsonError, type PulumiRun, type StepJson, type StateJson, type PolicyViolation, type Diagnostic } from "./pulumiJson";
export { orgChanges, OUTPUT_ONLY, SUMMARY_KINDS, type OrgChanges, type SummaryKind, type Counts, type Removal, type AdminChange, type Rename, type FieldChange, type MembershipDelta } from "./orgChanges";
export { summarizeRun, type PlanSummary } from "./planSummary";
export { summarizeDrift, driftChanges, hasFindings } from "./drift";
export { renderSummary, GITHUB_COMMENT_LIMIT, type RenderOptions } from "./render";
