/**
 * Bulk changes through the real CLI and an org.yaml: a re-organisation (10,000 managed users join
 * a new user group, then leave it: group-side packing against one command per user), and bulk
 * removes and renames of 1,000 users with one client and with a pool of 10.
 */
import { reorgFiles } from "../../scripts/lib/reorg";
import { exportOrg, renderOrgYaml } from "../../provider/orgfile/exportYaml";
import type { Row } from "../report";
import { orgYamlStack, rateBoundMs, type OrgYamlStack } from "./orgYaml";

const GROUP = "Reorg";
const PER_COMMAND = 100;

/** Users joining and leaving one group: packed (scale 10), and naive (one command a user, scale 600) measured alongside. */
export async function reorg(users = 10_000): Promise<Row[]> {
  const lowerBound = Math.ceil(users / PER_COMMAND / 10);
  const naive = await reorgJoin(users, 600, { UMAPI_PACK_GROUP_SIDE: "false" });
  const timeScale = 10;
  const s = await orgYamlStack({ generate: { users, groups: 20 }, timeScale });
  try {
    const files = await reorgFiles(s.client, GROUP);
    await s.up(files.before);
    const rows: Row[] = [];
    for (const [way, text] of [["join", files.joined], ["leave", files.before]] as const) {
      const { wallMs, metrics } = await s.up(text);
      rows.push({
        workload: `reorg: ${users} managed users (org.yaml, inline groups) ${way} a new user group`,
        requests: metrics.requests.action,
        lowerBound,
        naive: naive.requests,
        throttled: metrics.throttled,
        wallMs,
        boundMs: rateBoundMs(lowerBound, 10, timeScale),
        timeScale,
        note: `${metrics.actionCommands} commands (naive: ${naive.commands} in ${naive.requests} requests, ${(naive.wallMs / 1000).toFixed(1)} s at scale 600); PULUMI_PARALLEL=10000, checkpoints skipped`,
      });
    }
    return rows;
  } finally {
    await s.dispose();
  }
}

export async function reorgJoin(users: number, timeScale: number, env: Record<string, string>) {
  const s = await orgYamlStack({ generate: { users, groups: 20 }, timeScale }, env);
  try {
    const files = await reorgFiles(s.client, GROUP);
    await s.up(files.before);
    const { wallMs, metrics } = await s.up(files.joined);
    return { requests: metrics.requests.action, commands: metrics.actionCommands, wallMs, spans: actionTimeline(s.t) };
  } finally {
    await s.dispose();
  }
}

/** "+12.3 s 10" per action request: when it arrived (from the first request of the run) and how many commands it carried. */
export function actionTimeline(t: OrgYamlStack["t"]): string {
  const actions = t.emulator.requests().filter((r) => r.endpointClass === "action");
  const t0 = t.emulator.requests()[0]?.at ?? 0;
  return actions.map((r) => `+${((r.at - t0) / 1000).toFixed(1)}s ${Array.isArray(r.body) ? r.body.length : 0}`).join(", ");
}

/** Renaming, then removing, `users` adopted users, with a pool of `pool` clients. */
async function bulkRun(users: number, pool: number, timeScale: number, env: Record<string, string> = {}) {
  const s = await orgYamlStack({ generate: { users, groups: 5 }, timeScale, clients: 9 }, env, pool);
  try {
    const { text, exported } = await exportOrg(s.client);
    await s.up(text);
    const numbered = (email: string) => /^user\d+@/.test(email);
    const render = (map: (u: (typeof exported.org.users)[number]) => (typeof exported.org.users)[number] | undefined) =>
      renderOrgYaml({ ...exported, org: { ...exported.org, users: exported.org.users.flatMap((u) => (numbered(u.email) ? [map(u)].filter((x) => x !== undefined) : [u])) } }, { orgId: s.client.orgId });
    const rename = await s.up(render((u) => ({ ...u, firstName: "Renamed" })));
    const remove = await s.up(render(() => undefined), { "umapi:allowRemovals": "all" });
    return { rename, remove };
  } finally {
    await s.dispose();
  }
}

export async function bulk(users = 1000): Promise<Row[]> {
  const timeScale = 60;
  const naive = await bulkRun(users, 1, 600, { UMAPI_COMMANDS_PER_REQUEST: "1" });
  const rows: Row[] = [];
  const lowerBound = Math.ceil(users / 10);
  for (const pool of [1, 10]) {
    const run = await bulkRun(users, pool, timeScale);
    for (const [what, r, n] of [["update names of", run.rename, naive.rename], ["remove", run.remove, naive.remove]] as const) {
      rows.push({
        workload: `bulk: ${what} ${users} users, K=${pool}`,
        requests: r.metrics.requests.action,
        lowerBound,
        naive: n.metrics.requests.action,
        throttled: r.metrics.throttled,
        wallMs: r.wallMs,
        boundMs: rateBoundMs(lowerBound, Math.min(10 * pool, 100), timeScale),
        timeScale,
        note: `${r.metrics.actionCommands} commands; action requests by client ${Object.values(r.metrics.byClient).map((c) => c.action).join("/")}`,
      });
    }
  }
  return rows;
}
