/**
 * The scale benchmark's scenario at a size CI affords: an exported org of 500 users (one user group
 * each) through the root org.yaml program with the settings the template's workflow gives a team
 * (read from the workflow, as `npm run bench -- scale` does), on the file backend. Counts and
 * outcomes only; `npm run bench -- scale` measures the times.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { EDITED_USERS, REORG_GROUP, scaleFiles, scaleSeed } from "../../scripts/lib/scaleOrg";
import { templateSettings, type CliSettings } from "../../scripts/lib/templateSettings";
import { clientFor } from "../integration/helpers";
import { createStack, type TestStack } from "./harness";

const USERS = 500;
/**
 * Bytes of checkpoint per user: measured 1,871 with org.yaml's user sets (500 users, 2026-12-06;
 * 8,031 with one resource a user, before the sets), bounded with 12 % headroom. A state that grows
 * past it fails here: lower the bound when the state shrinks.
 */
const STATE_BYTES_PER_USER = 2_100;

let t: TestStack | undefined;
let dir: string | undefined;
afterEach(async () => {
  await t?.dispose();
  t = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

type Command = { usergroup?: string; user?: string; do: Record<string, { user?: string[] } | unknown>[] };
const actionCommands = (stack: TestStack) => stack.emulator.requests().flatMap((r) => (r.endpointClass === "action" ? (r.body as Command[]) : []));
/** Users a command adds to its user group (user-group `add` steps). */
const addedUsers = (c: Command) => c.do.flatMap((step) => ((step.add as { user?: string[] } | undefined)?.user ?? []));

describe("an exported org of 500 users on the template's settings", () => {
  it("adopts with no action request, previews with no request, edits 10 users, and reorganises in user-group commands", async () => {
    const template = templateSettings();
    // The template skips per-step checkpoints; the bench's naive baseline is the same without.
    expect(template.up.env.PULUMI_SKIP_CHECKPOINTS).toBe("true");
    t = await createStack({ program: ".", emulator: { seed: scaleSeed(USERS), timeScale: 600 }, env: { UMAPI_TIME_SCALE: "600" } });
    dir = mkdtempSync(path.join(tmpdir(), "umapi-scale-"));
    const file = path.join(dir, "org.yaml");
    await t.stack.setConfig("orgFile", { value: file });
    const files = await scaleFiles(clientFor(t.emulator));
    expect(files.joining).toBe(USERS);

    const run = async (text: string, command: "up" | "preview", settings: CliSettings) => {
      writeFileSync(file, text);
      t!.emulator.resetMetrics();
      Object.assign(t!.envVars, settings.env);
      const args = command === "up" ? ["up", "--yes", "--skip-preview", ...settings.args] : ["preview", ...settings.args];
      const res = await t!.cli(args);
      expect(res.code, res.stdout.slice(-3000) + res.stderr.slice(-3000)).toBe(0);
      return t!.emulator.metrics();
    };

    const adopt = await run(files.adopt, "up", template.up);
    expect(adopt.requests.action).toBe(0);
    expect(adopt.requests).toMatchObject({ users: 1, user: 0, groups: 1 }); // one page of each
    const stateBytes = Buffer.byteLength(t.storedState());
    console.log(`scale: ${USERS} users adopted, state ${stateBytes} bytes (${Math.round(stateBytes / USERS)} a user)`);
    expect(stateBytes / USERS).toBeLessThan(STATE_BYTES_PER_USER);

    const preview = await run(files.adopt, "preview", template.preview);
    expect(preview.requests.total).toBe(0);

    const edit = await run(files.edit, "up", template.up);
    expect(edit.actionCommands).toBe(EDITED_USERS);
    expect(t.emulator.state().users.filter((u) => u.firstname?.startsWith("Edited "))).toHaveLength(EDITED_USERS);

    await run(files.reorg, "up", template.up);
    expect(t.emulator.state().users.filter((u) => u.groups.includes(REORG_GROUP))).toHaveLength(USERS);
    const commands = actionCommands(t);
    // Every change is group-side: the group's create, then its members 100 a command at most (with
    // user sets, 500 users took 1 + 5 commands of 100 in 2 requests; with one resource a user, only
    // the `parallel` changes in flight shared a command: 1 + 8 commands of 64, ..., 52).
    expect(commands.every((c) => c.usergroup === REORG_GROUP)).toBe(true);
    expect(commands.flatMap(addedUsers)).toHaveLength(USERS);
    const requests = t.emulator.metrics().requests.action;
    console.log(`scale: reorg of ${USERS} users: ${commands.length} commands in ${requests} action requests (members a command: ${commands.map((c) => addedUsers(c).length).join(" ")})`);
    const parallel = template.up.parallel ?? 8; // the CLI's default on 2 cores
    expect(commands.length).toBeLessThanOrEqual(1 + Math.ceil(USERS / Math.min(parallel, 100)));
  }, 900_000);
});
