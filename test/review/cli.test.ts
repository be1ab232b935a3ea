/** umapi-plan-summary's documented exit codes and messages, through its run() with captured output. */
import { describe, expect, it } from "vitest";
import { run } from "../../scripts/umapi-plan-summary";
import { create, previewJson, remove, urn, user } from "./steps";

function cli(args: string[], stdin = "") {
  const out: string[] = [];
  const err: string[] = [];
  const code = run(args, { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), stdin: () => stdin });
  return { code, stdout: out.join(""), stderr: err.join("") };
}

/** A preview --refresh document: one user the read found gone (the plan creates it again). */
const driftJson = () => {
  const stored = { urn: urn("AdobeUser", "user:a@example.com"), type: "pulumi-nodejs:dynamic/umapi:AdobeUser", outputs: user("a@example.com") };
  return JSON.stringify({ steps: [{ op: "refresh", urn: stored.urn, oldState: stored, newState: stored }, create("AdobeUser", "user:a@example.com", user("a@example.com"))] });
};

describe("umapi-plan-summary", () => {
  it("0: prints the summary of standard input, in markdown by default", () => {
    const res = cli([], previewJson([remove("AdobeUser", "user:a@example.com", user("a@example.com"))]));
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^### Adobe org plan: 1 change, 1 removal\n/);
  });

  it("3 with --drift when the org differs from the stack, 0 when it does not", () => {
    const drift = cli(["--drift", "--format", "text"], driftJson());
    expect(drift.code).toBe(3);
    expect(drift.stdout).toContain("  - user a@example.com: no longer in the org\n");
    expect(cli(["--drift"], previewJson([])).code).toBe(0);
  });

  it("1: input that is not Pulumi's JSON, with what to do", () => {
    expect(cli([], "Previewing update (prod):\n")).toEqual({ code: 1, stdout: "", stderr: expect.stringContaining('not the JSON of pulumi preview --json or pulumi up --json: expected "{" at character 0') });
    expect(cli([], '{"config": {}}').stderr).toContain("no steps[] and no engine events. Run the CLI with --json and pass its standard output");
    expect(cli(["/nonexistent/plan.json"]).code).toBe(1);
  });

  it("2: bad arguments, with the usage", () => {
    const res = cli(["--format", "html"]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/^umapi-plan-summary: --format must be markdown or text, got "html"\n\nUsage: umapi-plan-summary/);
    expect(cli(["--max-chars", "12"]).code).toBe(2);
    expect(cli(["--bogus"]).code).toBe(2);
  });
});
