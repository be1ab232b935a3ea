/** The quickstart example runs as documented: up, lookups, a clean second preview, destroy. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStack, type TestStack } from "./harness";

describe("examples/quickstart", () => {
  let t: TestStack;
  beforeAll(async () => void (t = await createStack({ program: "examples/quickstart", env: { QUICKSTART_PROTECT: "false" } })), 120_000);
  afterAll(async () => t?.dispose());

  it("creates the org, resolves the profile lookup, and a second preview is clean", async () => {
    const res = await t.up().catch((e) => { console.log(t.output.join("")); throw e; });
    expect(res.outputs.productProfiles!.value).toEqual(expect.arrayContaining(["Photoshop Users", "Acrobat Pro Users"]));
    const alice = t.emulator.state().users.find((u) => u.email === "alice@example.com")!;
    expect(alice.groups.sort()).toEqual(["Design Team", "_admin_Design Team"]);
    const again = await t.preview();
    expect(Object.keys(again.changeSummary).filter((k) => k !== "same")).toEqual([]);
    await t.destroy();
    expect(t.emulator.state().users.map((u) => u.email)).toEqual(["owner@example.com"]);
  }, 300_000);
});
