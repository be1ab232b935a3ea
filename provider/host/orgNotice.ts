/**
 * Which org a refresh or a destroy acts on. Both run with the provider configuration the state
 * recorded at the last update (Pulumi's semantics), not the stack's configuration now, so the
 * provider process says, at its first read and at its first delete, which org that is, and warns,
 * naming both orgs, when the stack's configuration names another.
 */
import { ancestors, currentOrg, type CurrentOrg } from "./stackConfig";

export type OrgAction = "read" | "delete";

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The lines to print for the first `action` of this process on `orgId`. */
export function orgNoticeLines(action: OrgAction, orgId: string, current: CurrentOrg): string[] {
  const run = current.command ? `pulumi ${current.command}` : "this run";
  const lines = [`umapi: ${run} ${action === "read" ? "reads" : "deletes from"} org ${orgId}`];
  if (current.orgId && !same(current.orgId, orgId)) {
    lines.push(
      `umapi: warning: ${run} acts on org ${orgId}, the org of the provider configuration this stack's state recorded at its last update, ` +
        `but the stack's configuration (${current.source}) now names org ${current.orgId}. Refresh and destroy run with the recorded configuration: ` +
        `this run changes nothing in ${current.orgId}. To manage ${current.orgId}, run pulumi up (it refuses while the stack's resources are recorded in ${orgId}); ` +
        `to stop managing them without changing ${orgId}: pulumi stack rm --force.`,
    );
  }
  return lines;
}

/** Prints each action's notice once per provider process. */
export class OrgNotice {
  private readonly said = new Set<OrgAction>();
  constructor(
    private readonly current: () => CurrentOrg = () => currentOrg({ cwd: process.cwd(), env: process.env, ancestors: ancestors() }),
    private readonly write: (line: string) => void = (line) => void process.stderr.write(`${line}\n`),
  ) {}

  announce(action: OrgAction, orgId: string): void {
    if (this.said.has(action)) return;
    this.said.add(action);
    for (const line of orgNoticeLines(action, orgId, this.current())) this.write(line);
  }
}
