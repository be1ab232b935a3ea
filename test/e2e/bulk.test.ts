/**
 * Bulk changes through the real CLI: 300 adopted users of an org.yaml joining a new user group and
 * leaving it again travel in user-group commands (naive: 30 requests each way), and a pool of 3
 * clients set as a secret stack config spreads 300 creates over all three, with no secret in the state.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { reorgFiles } from "../../scripts/lib/reorg";
import { clientFor } from "../integration/helpers";
import { createStack, type TestStack } from "./harness";

let t: TestStack | undefined;
let dir: string | undefined;
afterEach(async () => {
  await t?.dispose();
  t = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const actionBodies = (stack: TestStack) => stack.emulator.requests().filter((r) => r.endpointClass === "action").map((r) => r.body as { usergroup?: string; user?: string }[]);

describe("bulk changes through the real CLI", () => {
  it("300 users of an org.yaml join a new user group and leave it in user-group commands of 100", async () => {
    t = await createStack({ program: ".", emulator: { generate: { users: 300, groups: 2 } }, env: { PULUMI_PARALLEL: "1000", PULUMI_SKIP_CHECKPOINTS: "true" } });
    dir = mkdtempSync(path.join(tmpdir(), "umapi-bulk-"));
    const file = path.join(dir, "org.yaml");
    await t.stack.setConfig("orgFile", { value: file });
    const files = await reorgFiles(clientFor(t.emulator), "Reorg");
    expect(files.joining).toBe(300);

    writeFileSync(file, files.before);
    const adopt = await t.cli(["up", "--yes", "--skip-preview"]);
    expect(adopt.code, adopt.stdout + adopt.stderr).toBe(0);
    expect(t.emulator.metrics().requests.action).toBe(1); // the new group's create

    for (const [text, members] of [[files.joined, 300], [files.before, 0]] as const) {
      t.emulator.resetMetrics();
      writeFileSync(file, text);
      const up = await t.cli(["up", "--yes", "--skip-preview"]);
      expect(up.code, up.stdout + up.stderr).toBe(0);
      expect(t.emulator.state().users.filter((u) => u.groups.includes("Reorg"))).toHaveLength(members);
      const bodies = actionBodies(t);
      const t0 = t.emulator.requests()[0]?.at ?? 0;
      // 300 changes fit in 3 commands of one request when they all wait together (the engine hands
      // them over within a second when it skips its per-step checkpoints); a second request is
      // allowed for an engine pause. One command a user (UMAPI's user side) would take 30.
      expect(bodies.length).toBeLessThanOrEqual(2);
      expect(bodies.flat().length).toBeLessThanOrEqual(4);
      expect(bodies.flat().every((c) => c.usergroup === "Reorg")).toBe(true);
      console.log(`reorg (${members ? "join" : "leave"}): ${bodies.length} action requests, ${bodies.flat().length} commands`);
    }
    const again = await t.cli(["preview", "--expect-no-changes"]);
    expect(again.code, again.stdout).toBe(0);
  }, 600_000);

  it("spreads creates over a pool of 3 clients set with umapi:clients, and keeps their secrets out of the state", async () => {
    t = await createStack({ program: "examples/large-org", config: { users: "300", memberships: "2" }, emulator: { clients: 2 }, env: { PULUMI_PARALLEL: "64" } });
    await t.stack.setConfig("umapi:clients", { value: JSON.stringify(t.emulator.clients.slice(1)), secret: true });
    const res = await t.up();
    expect(res.summary.result).toBe("succeeded");
    const m = t.emulator.metrics();
    expect(m.throttled).toBe(0);
    expect(Object.keys(m.byClient).sort()).toEqual(t.emulator.clients.map((c) => c.clientId).sort());
    for (const c of Object.values(m.byClient)) expect(c.action).toBeGreaterThan(0);
    expect(t.emulator.state().users.filter((u) => u.email.startsWith("bench"))).toHaveLength(300);
    const state = t.storedState();
    const output = t.output.join("");
    const recorded = JSON.stringify(t.emulator.requests());
    const tokens = t.emulator.issuedTokens();
    expect(tokens.length).toBeGreaterThanOrEqual(3);
    for (const secret of [...t.emulator.clients.map((c) => c.clientSecret), ...tokens]) {
      expect(state).not.toContain(secret);
      expect(output).not.toContain(secret);
      expect(recorded).not.toContain(secret);
    }
    console.log(`pool: ${m.requests.action} action requests, by client ${JSON.stringify(m.byClient)}`);
  }, 600_000);
});
