/**
 * A PlanSummary as GitHub-flavoured markdown (a PR comment, a job summary, an issue) or plain text
 * (a terminal). Removals come first, account deletions standing out; then admin roles, renames, new
 * users and groups, field changes, product profiles, memberships per group, and the run's checks.
 * Lists are cut to a number of entries with "and N more", the counts stay exact, and the whole text
 * never exceeds `maxChars` (GitHub refuses a comment over 65,536 characters): cuts tighten until it fits.
 */
import type { PlanSummary } from "./planSummary";
import { sections, type Section } from "./sections";

export interface RenderOptions {
  /** "markdown" (default) or "text". */
  format?: "markdown" | "text";
  /** The longest output, in characters. Default 60,000 (room under GitHub's 65,536 for a marker and a footer). */
  maxChars?: number;
  /** Entries listed per section before "and N more". Default 50. */
  itemsPerSection?: number;
  /** Names listed per group's membership change before "and N more". Default 20. */
  namesPerGroup?: number;
  /** The heading. Default from the mode: "Adobe org plan", "Adobe org: applied", "Adobe org drift". */
  title?: string;
}

export const GITHUB_COMMENT_LIMIT = 65_536;

export function renderSummary(summary: PlanSummary, options: RenderOptions = {}): string {
  const format = options.format ?? "markdown";
  const maxChars = options.maxChars ?? 60_000;
  const items = options.itemsPerSection ?? 50;
  const names = options.namesPerGroup ?? 20;
  // Tighter and tighter cuts until the text fits; the counts never change.
  const cuts: [number, number][] = [[items, names], [Math.min(items, 20), Math.min(names, 10)], [10, 5], [5, 3], [2, 1], [0, 0]];
  for (const [perSection, perGroup] of cuts) {
    const text = layout(summary, sections(summary, { format, namesPerGroup: perGroup }), format, perSection, options.title);
    if (text.length <= maxChars) return text;
  }
  const text = layout(summary, sections(summary, { format, namesPerGroup: 0 }), format, 0, options.title);
  const note = format === "markdown" ? "\n\n_(cut: the summary's messages are longer than the limit)_\n" : "\n\n(cut: the summary's messages are longer than the limit)\n";
  return text.slice(0, maxChars - note.length) + note;
}

function layout(summary: PlanSummary, all: Section[], format: "markdown" | "text", perSection: number, title?: string): string {
  const md = format === "markdown";
  const out: string[] = [];
  out.push(md ? `### ${title ?? defaultTitle(summary)}` : `${title ?? defaultTitle(summary)}`, "");
  out.push(...countsTable(summary, md), "");
  if (!hasChanges(summary)) out.push(summary.mode === "drift" ? "No drift: the org matches the stack." : "No change to the org.", "");
  for (const s of all) {
    if (s.items.length === 0 && !s.always) continue;
    out.push(md ? `#### ${s.title}` : `${s.title}:`);
    if (s.callout) out.push(md ? `> **${s.callout}**` : `  !! ${s.callout}`, "");
    const shown = s.items.slice(0, Math.max(perSection, s.keep ?? 0));
    for (const item of shown) out.push(md ? `- ${item}` : `  - ${item}`);
    const more = s.items.length - shown.length;
    if (more > 0) out.push(md ? `- _… and ${more} more_` : `  - … and ${more} more`);
    if (s.items.length === 0 && s.empty) out.push(md ? `- ${s.empty}` : `  - ${s.empty}`);
    out.push("");
  }
  if (summary.mode === "drift") out.push(md ? `_${DRIFT_NOTE}_` : DRIFT_NOTE);
  return out.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd() + "\n";
}

const DRIFT_NOTE =
  "Drift is what the org has against what the stack recorded at its last update. To put back what org.yaml declares, run the up with a refresh (`pulumi up --refresh`; the template: Actions, Adobe org, Run workflow): a plain `up` compares org.yaml with the stack, not with the org. To keep a change made in the Admin Console, write it into org.yaml. Not watched: group descriptions (UMAPI returns none), a profile taken off a group that has no members (only members show which profiles a group gives), and ids a read fills in.";

const hasChanges = (summary: PlanSummary) => Object.values(summary.changes.counts).some((k) => k.added + k.changed + k.removed > 0) || summary.changes.renames.length > 0;

function defaultTitle(summary: PlanSummary): string {
  const c = summary.changes.counts;
  const total = Object.values(c).reduce((n, k) => n + k.added + k.changed + k.removed, 0);
  const deletions = summary.changes.removals.filter((r) => r.onDelete === "deleteAccount").length;
  const parts = [`${total} ${total === 1 ? "change" : "changes"}`];
  if (summary.changes.removals.length > 0) parts.push(`${summary.changes.removals.length} ${summary.mode === "drift" ? "gone" : summary.changes.removals.length === 1 ? "removal" : "removals"}`);
  if (deletions > 0 && summary.mode !== "drift") parts.push(`${deletions} account ${deletions === 1 ? "deletion" : "deletions"}`);
  if (summary.violations.length > 0) parts.push(`${summary.violations.length} policy ${summary.violations.length === 1 ? "violation" : "violations"}`);
  const failed = summary.result !== undefined && summary.result !== "succeeded" ? ` (${summary.mode === "up" ? "the up" : summary.mode === "drift" ? "the refresh" : "the preview"} ${summary.result})` : "";
  const head = `${summary.mode === "up" ? "Adobe org: applied" : summary.mode === "drift" ? "Adobe org drift" : "Adobe org plan"}${failed}`;
  return `${head}: ${parts.join(", ")}`;
}

const KIND_LABELS = { users: "Users", userGroups: "User groups", productProfiles: "Product profiles", memberships: "Memberships", adminRoles: "Admin roles" } as const;

/** One line of counts per kind. */
function countsTable(summary: PlanSummary, md: boolean): string[] {
  const rows = Object.entries(KIND_LABELS).map(([k, label]) => [label, summary.changes.counts[k as keyof typeof KIND_LABELS]] as const);
  if (md) return ["| | added | changed | removed |", "|---|---:|---:|---:|", ...rows.map(([label, c]) => `| ${label} | ${c.added} | ${c.changed} | ${c.removed} |`)];
  const width = Math.max(...rows.map(([l]) => l.length));
  return rows.map(([label, c]) => `${label.padEnd(width)}  +${c.added} ~${c.changed} -${c.removed}`);
}
