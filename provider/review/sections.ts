/** The sections of a summary, as list items in markdown or plain text; render.ts cuts and lays them out. */
import type { AdminChange, MembershipDelta, Removal } from "./orgChanges";
import type { PlanSummary } from "./planSummary";
import type { PolicyViolation } from "./pulumiJson";

export interface Section {
  title: string;
  items: string[];
  /** A line that stands out above the items (account deletions). */
  callout?: string;
  /** Shown even without items, with `empty` as its line. */
  always?: boolean;
  empty?: string;
  /** Items kept whatever the cut (the checks). */
  keep?: number;
}

interface Style {
  format: "markdown" | "text";
  namesPerGroup: number;
}

export function sections(summary: PlanSummary, style: Style): Section[] {
  const md = style.format === "markdown";
  const code = (s: string) => (md ? `\`${s.replace(/`/g, "'").replace(/\s+/g, " ")}\`` : s);
  const strong = (s: string) => (md ? `**${s}**` : s.toUpperCase());
  const drift = summary.mode === "drift";
  const c = summary.changes;
  const removalOrder = (r: Removal) => (r.onDelete === "deleteAccount" ? 0 : r.kind === "user" ? 1 : 2);
  const removals = [...c.removals].sort((a, b) => removalOrder(a) - removalOrder(b) || byText(a.name, b.name));
  const deletions = removals.filter((r) => r.kind === "user" && r.onDelete === "deleteAccount" && !drift);
  const role = (a: AdminChange) => `${code(a.role)}${a.target ? ` of ${code(a.target)}` : ""}`;
  return [
    {
      title: drift ? `Gone from the org (${removals.length})` : `Removals (${removals.length})`,
      items: removals.map((r) => (drift ? `${r.kind === "user" ? "user" : "user group"} ${code(r.name)}: no longer in the org` : removalLine(r, code, strong))),
      callout: deletions.length > 0 ? `${deletions.length} account ${deletions.length === 1 ? "deletion" : "deletions"}: ${deletions.slice(0, 5).map((r) => code(r.name)).join(", ")}${deletions.length > 5 ? ` and ${deletions.length - 5} more` : ""}: permanently deleted with their files and assets (onDelete: deleteAccount)` : undefined,
    },
    {
      title: `Admin roles (${c.adminGrants.length + c.adminRevocations.length})`,
      items: [
        ...sorted(c.adminRevocations, (a) => `${a.user} ${a.role} ${a.target ?? ""}`).map((a) => (drift ? `${code(a.user)} lost ${role(a)} in the org` : `revoke ${role(a)} from ${code(a.user)}`)),
        ...sorted(c.adminGrants, (a) => `${a.user} ${a.role} ${a.target ?? ""}`).map((a) => (drift ? `${code(a.user)} got ${role(a)} in the org` : `grant ${role(a)} to ${code(a.user)}`)),
      ],
    },
    { title: `Renames (${c.renames.length})`, items: sorted(c.renames, (r) => `${r.kind} ${r.from}`).map((r) => `${r.kind === "user" ? "user" : "user group"} ${code(r.from)} → ${code(r.to)}`) },
    { title: `New users (${c.newUsers.length})`, items: sorted(c.newUsers, (n) => n).map(code) },
    { title: `New user groups (${c.newGroups.length})`, items: sorted(c.newGroups, (n) => n).map(code) },
    {
      title: drift ? `Fields edited in the org (${c.fieldChanges.length})` : `Field changes (${c.fieldChanges.length})`,
      items: sorted(c.fieldChanges, (f) => `${f.name} ${f.field}`).map((f) => `${code(f.name)}: ${f.field} ${value(f.from, code)} → ${value(f.to, code)}`),
    },
    {
      title: `Product profiles (${c.profilesAttached.length + c.profilesDetached.length})`,
      items: [
        ...sorted(c.profilesDetached, (p) => `${p.group} ${p.productProfile}`).map((p) => (drift ? `${code(p.productProfile)} no longer on ${code(p.group)}` : `detach ${code(p.productProfile)} from ${code(p.group)}`)),
        ...sorted(c.profilesAttached, (p) => `${p.group} ${p.productProfile}`).map((p) => `attach ${code(p.productProfile)} to ${code(p.group)}`),
      ],
    },
    {
      title: `Memberships${drift ? " changed in the org" : ""} (+${c.counts.memberships.added} −${c.counts.memberships.removed} in ${c.memberships.size} ${c.memberships.size === 1 ? "group" : "groups"})`,
      items: [...c.memberships.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([group, d]) => membershipLine(group, d, style, code)),
    },
    ...checks(summary, code, md),
  ];
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Entries in a stable order (the engine's order of independent steps varies from run to run), so a comment changes only with the plan. */
function sorted<T>(items: readonly T[], key: (t: T) => string): T[] {
  return [...items].sort((a, b) => byText(key(a).toLowerCase(), key(b).toLowerCase()));
}

function removalLine(r: Removal, code: (s: string) => string, strong: (s: string) => string): string {
  if (r.kind === "userGroup") return `user group ${code(r.name)}: ${r.replaced ? "deleted and created again" : "deleted"}`;
  if (r.replaced) return `${strong("account deleted and created again")}: ${code(r.name)} (a replace, allowReplace)`;
  if (r.onDelete === "deleteAccount") return `${strong("account deleted")}: ${code(r.name)} (onDelete: deleteAccount)`;
  if (r.onDelete === "removeMemberships") return `${code(r.name)}: loses every membership, stays in the org (onDelete: removeMemberships)`;
  return `${code(r.name)}: removed from the org, the account stays (onDelete: removeFromOrg)`;
}

function membershipLine(group: string, d: MembershipDelta, style: Style, code: (s: string) => string): string {
  const names = (list: string[]) => {
    const shown = sorted(list, (n) => n).slice(0, style.namesPerGroup).map(code).join(", ");
    const more = list.length - Math.min(list.length, style.namesPerGroup);
    return more === 0 ? shown : `${shown}${shown ? " " : ""}and ${more} more`;
  };
  const parts = [`${code(group)}: +${d.added.length} −${d.removed.length}`];
  if (d.owned) parts.push("members become exactly the declared list");
  if (d.added.length > 0) parts.push(`added ${names(d.added)}`);
  if (d.removed.length > 0) parts.push(`removed ${names(d.removed)}`);
  return parts.join(" · ");
}

function value(v: unknown, code: (s: string) => string): string {
  return v === undefined ? "(unset)" : code(typeof v === "string" ? v : JSON.stringify(v));
}

function checks(summary: PlanSummary, code: (s: string) => string, md: boolean): Section[] {
  const text = (s: string) => (md ? escapeMarkdown(s) : s);
  const b = summary.removalBudget;
  const budget = b ? `removal budget: ${b.used} of ${b.limit} ${b.limit === 1 ? "user" : "users"} (${b.configured ? `settings.removalBudget ${b.configured.kind === "count" ? b.configured.count : `${b.configured.percent}%`}` : "the default"}, of the ${b.managed} users the stack managed)` : undefined;
  const lines = [
    summary.validation ? `UMAPI validation: ${text(summary.validation.replace(/^umapi: /, ""))}` : summary.mode === "preview" ? "UMAPI validation: not run (umapi:validateOnPreview is off)" : undefined,
    summary.removalBrake ? `removal brake: ${text(summary.removalBrake)}` : undefined,
    budget,
    ...summary.changes.failed.map((f) => `failed: ${code(f)}`),
  ].filter((l): l is string => l !== undefined);
  const out: Section[] = [];
  out.push({ title: `Policy violations (${summary.violationsKnown ? summary.violations.length : "unknown"})`, items: sorted(summary.violations, (v) => `${v.level === "mandatory" ? 0 : 1} ${v.policy} ${v.urn ?? ""}`).map((v) => violationLine(v, code, text)), always: summary.mode !== "drift", empty: summary.violationsKnown ? "none" : "not in this JSON: the preview document of pulumi --json omits them; run the preview with PULUMI_ENABLE_STREAMING_JSON_PREVIEW=true", keep: 20 });
  if (summary.errors.length > 0) out.push({ title: `Errors (${summary.errors.length})`, items: summary.errors.map((e) => text(clip(e))), keep: 10 });
  if (summary.warnings.length > 0) out.push({ title: `Warnings (${summary.warnings.length})`, items: summary.warnings.map((e) => text(clip(e))) });
  if (lines.length > 0) out.push({ title: "Checks", items: lines, keep: lines.length });
  return out;
}

function violationLine(v: PolicyViolation, code: (s: string) => string, text: (s: string) => string): string {
  const resource = v.urn ? ` on ${code(v.urn.split("::").slice(3).join("::"))}` : "";
  return `${v.level} ${code(v.policy)}${resource}: ${text(clip(v.message))}`;
}

const clip = (s: string, n = 600) => {
  const flat = s.replace(/\s+/g, " ").trim();
  return flat.length > n ? `${flat.slice(0, n - 1)}…` : flat;
};

/** Characters that markdown would read as formatting or HTML, escaped. */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_{}[\]<>#|~]/g, (c) => `\\${c}`);
}
