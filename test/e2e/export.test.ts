/**
 * umapi-export's promise through the real pulumi CLI: the exported file, applied to the org it came
 * from, adopts everything without a single action request, and the next preview is clean.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UmapiClient, exportOrg, parseOrgFile } from "../../provider";
import { clientOptions, EXPORT_SEED } from "../orgfile/fixtures";
import { createStack, type TestStack } from "./harness";
import { orgMismatches } from "./orgMatch";

describe("an exported org.yaml applied to its org", () => {
  let t: TestStack;
  let tmp: string;
  let text: string;

  beforeAll(async () => {
    t = await createStack({ program: ".", emulator: { seed: EXPORT_SEED } });
    tmp = mkdtempSync(path.join(tmpdir(), "umapi-export-"));
    ({ text } = await exportOrg(new UmapiClient(clientOptions(t.emulator))));
    const file = path.join(tmp, "org.yaml");
    writeFileSync(file, text);
    await t.stack.setConfig("orgFile", { value: file });
  }, 600_000);
  afterAll(async () => {
    await t?.dispose();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it("up adopts every user, group and role without an action request", async () => {
    const before = t.emulator.state();
    t.emulator.resetMetrics();
    const res = await t.up();
    expect(res.summary.result).toBe("succeeded");
    // The stack, 6 users (nameless@example.com cannot be exported), 2 user groups, 6 admin roles.
    expect(res.summary.resourceChanges).toEqual({ create: 1 + 6 + 2 + 6 });
    expect(t.emulator.metrics().requests.action).toBe(0);
    expect(t.emulator.state()).toEqual(before);
    expect(orgMismatches(t.emulator.state(), parseOrgFile(text))).toEqual([]);
  }, 300_000);

  it("the next preview shows no changes", async () => {
    t.emulator.resetMetrics();
    const res = await t.preview();
    expect(Object.keys(res.changeSummary).filter((k) => k !== "same")).toEqual([]);
    expect(t.emulator.metrics().requests.total).toBe(0);
  }, 300_000);
});
