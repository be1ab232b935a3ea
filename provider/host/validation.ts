/**
 * A plan checked by UMAPI itself (reference §4.3): the planned creates, updates and removals run
 * through the same handlers `up` runs, against a runtime of their own whose client sends every
 * action request with `testOnly=true`. So the commands are exactly those `up` would send (batched,
 * packed and throttled the same way), nothing in the org changes, and a refusal is reported in the
 * words `up` would use. Runs in the program process, during a preview.
 */
import type { ResourceKind } from "../resources/types";
import { checkInputs } from "../resources/validation";
import { HANDLERS } from "./handlers";
import { UserSetError } from "./handlers/adobeUsers";
import { createRuntime, installRuntime } from "./runtime";


type Args = Record<string, unknown>;

/** One planned change: the resource's logical name, its kind, and its inputs before and after. */
export interface PlannedChange {
  name: string;
  kind: ResourceKind;
  /** The inputs recorded at the last update; absent for a create. */
  olds?: Args;
  /** The declared inputs; absent for a removal. */
  news?: Args;
}

export interface ValidationResult {
  /** One line per refused change: the resource, then the message `up` would give. */
  refusals: string[];
  /** Changes validated (sent, or found already in place). */
  changes: number;
  /** testOnly commands sent, and the action requests that carried them. */
  commands: number;
  actionRequests: number;
  /** Reads the validation needed (the org view), by endpoint class. */
  reads: number;
}

export async function validatePlan(changes: PlannedChange[], config: Record<string, string>, env: NodeJS.ProcessEnv = process.env): Promise<ValidationResult> {
  const rt = createRuntime(config, env, { testOnly: true, plannedGroups: createdGroups(changes) });
  const restore = installRuntime(rt);
  const refusals: string[] = [];
  const runAll = (list: PlannedChange[]) =>
    Promise.all(
      list.map(async (c) => {
        try {
          await run(c);
        } catch (err) {
          // A set's refusals are its users', each named as the AdobeUser it declares.
          if (err instanceof UserSetError) for (const f of err.failures) refusals.push(`user:${f.user}: ${f.message}`);
          else refusals.push(`${c.name}: ${err instanceof Error ? err.message : String(err)}`);
        }
      }),
    );
  try {
    // In the order the engine's dependencies give `up`: user groups, then everything they hold, then removals.
    const removals = changes.filter((c) => !c.news);
    const groups = changes.filter((c) => c.news && c.kind === "UserGroup");
    await runAll(groups);
    await runAll(changes.filter((c) => c.news && c.kind !== "UserGroup"));
    await runAll(removals);
  } finally {
    restore();
  }
  const counts = rt.client.requestCounts;
  return {
    refusals: refusals.sort(),
    changes: changes.reduce((n, c) => n + changeCount(c), 0),
    commands: rt.client.commandCounts.testOnly,
    actionRequests: counts.action,
    reads: counts.users + counts.user + counts.usersByGroup + counts.groups,
  };
}

/** User groups the plan creates (or renames to a new name): they do not exist for testOnly commands. */
function createdGroups(changes: PlannedChange[]): string[] {
  return changes.flatMap((c) => {
    if (c.kind !== "UserGroup" || !c.news) return [];
    const name = String(c.news.name);
    return !c.olds || String(c.olds.name).toLowerCase() !== name.toLowerCase() ? [name] : [];
  });
}

/** What `up` would run for the change: create, update (or, for a replace, the create of the new object), or delete. */
async function run(c: PlannedChange): Promise<void> {
  const handler = HANDLERS[c.kind];
  const news = c.news && checked(c.kind, c.news);
  const olds = c.olds && checked(c.kind, c.olds);
  if (news && !olds) return void (await handler.create(news as never));
  if (olds && !news) return handler.delete(c.name, olds as never);
  const diff = handler.diff(c.name, olds as never, news as never);
  if (!diff.changes) return;
  if (diff.replaces && diff.replaces.length > 0) return void (await handler.create(news as never));
  await handler.update(c.name, olds as never, news as never);
}

/** Changes a planned change stands for: one, or for a set of users, one per user changed. */
function changeCount(c: PlannedChange): number {
  if (c.kind !== "AdobeUsers") return 1;
  const users = (args?: Args) => Object.keys((args?.users as object | undefined) ?? {});
  if (!c.olds || !c.news) return users(c.olds ?? c.news).length;
  const [olds, news] = [c.olds.users as Record<string, unknown>, c.news.users as Record<string, { renamedFrom?: string[] }>];
  // A renamed user is one change: its new key names the old one in renamedFrom.
  const renamedFrom = new Set(Object.values(news).flatMap((u) => (u.renamedFrom ?? []).map((e) => e.toLowerCase())));
  const changed = [...new Set([...users(c.olds), ...users(c.news)])].filter((k) => JSON.stringify(olds[k]) !== JSON.stringify(news[k]));
  return changed.filter((k) => !(k in olds && !(k in news) && renamedFrom.has(k))).length;
}

function checked(kind: ResourceKind, args: Args): Args {
  const { inputs, failures } = checkInputs(kind, args);
  if (failures.length > 0) throw new Error(failures.map((f) => `${f.property}: ${f.reason}`).join("; "));
  return inputs;
}
