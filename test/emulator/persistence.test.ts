/** EmulatorOptions.statePath / `--state`: the org survives a restart. */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { connect, enterprise, seedWith } from "./helpers";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "umapi-emu-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("state persistence", () => {
  it("writes the org after each change and loads it on restart, keeping ids and groupIds", async () => {
    const statePath = join(dir, "org.json");
    const first = await connect({ statePath, seed: seedWith({ userGroups: [{ name: "Designers" }], users: [enterprise("alice@example.com")] }) });
    await first.action([
      { usergroup: "Writers", do: [{ createUserGroup: { description: "words" } }] },
      { user: "alice@example.com", do: [{ add: { group: ["Writers", "_admin_Designers", "Photoshop Users"] } }] },
      { user: "bob@example.com", do: [{ createEnterpriseID: { email: "bob@example.com", firstname: "Bob", lastname: "B" } }] },
    ]);
    const before = first.emu.state();
    await first.emu.close();
    expect(JSON.parse(readFileSync(statePath, "utf8"))).toEqual(before);
    expect(readdirSync(dir)).toEqual(["org.json"]); // no temporary file left behind

    const second = await connect({ statePath }); // the file wins over the (default) seed
    try {
      expect(second.emu.state()).toEqual(before);
      const created = await second.action([{ user: "carol@example.com", do: [{ createEnterpriseID: { email: "carol@example.com", firstname: "C", lastname: "C" } }] }]);
      expect(created.body.result).toBe("success");
      const ids = second.emu.state().users.map((u) => u.id);
      expect(new Set(ids).size).toBe(ids.length);
    } finally {
      await second.emu.close();
    }
  });

  it("reset() also rewrites the state file", async () => {
    const statePath = join(dir, "org.json");
    const api = await connect({ statePath });
    await api.action([{ usergroup: "Temp", do: [{ createUserGroup: {} }] }]);
    api.emu.reset();
    await api.emu.close();
    const saved = JSON.parse(readFileSync(statePath, "utf8")) as { groups: { groupName: string }[] };
    expect(saved.groups.map((g) => g.groupName)).not.toContain("Temp");
  });
});
