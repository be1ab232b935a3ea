/**
 * The release path: a version tag runs every test and publishes with provenance; the CHANGELOG has
 * a section for the version in package.json; the workflow passes actionlint.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { REPO } from "../e2e/harness";

const WORKFLOW = path.join(REPO, ".github/workflows/release.yml");
const { version } = JSON.parse(readFileSync(path.join(REPO, "package.json"), "utf8")) as { version: string };

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}

describe("the release workflow", () => {
  const workflow = parse(readFileSync(WORKFLOW, "utf8")) as { on: { push: { tags: string[] } }; jobs: Record<string, { permissions: Record<string, string>; steps: Step[] }> };
  const [job] = Object.values(workflow.jobs);
  const steps = job!.steps;
  const index = (pred: (s: Step) => boolean) => steps.findIndex(pred);

  it("passes actionlint", () => {
    const actionlint = path.join(REPO, ".tools/bin/actionlint");
    expect(existsSync(actionlint), "run scripts/install-test-tools.sh").toBe(true);
    expect(execFileSync(actionlint, ["-no-color", WORKFLOW], { encoding: "utf8" })).toBe("");
  });

  it("runs on version tags, with the history the upgrade test builds 0.2.0 from", () => {
    expect(workflow.on.push.tags).toEqual(["v*.*.*"]);
    expect(steps.find((s) => s.uses?.startsWith("actions/checkout@"))?.with?.["fetch-depth"]).toBe(0);
  });

  it("builds and runs every test, then publishes with provenance", () => {
    const ci = index((s) => s.run === "npm ci");
    const test = index((s) => s.run === "npm test");
    const publish = index((s) => /^npm publish --provenance\b/.test(s.run ?? ""));
    expect(ci).toBeGreaterThan(-1);
    expect(test).toBeGreaterThan(ci);
    expect(publish).toBeGreaterThan(test);
    expect(job!.permissions["id-token"]).toBe("write");
    expect(steps[publish]!.env?.NODE_AUTH_TOKEN).toBe("${{ secrets.NPM_TOKEN }}");
    // npm test builds the package first (the tarball the team flow and the upgrade test install).
    expect((JSON.parse(readFileSync(path.join(REPO, "package.json"), "utf8")) as { scripts: { test: string } }).scripts.test).toMatch(/^npm run build && /);
  });

  it("refuses a tag without its CHANGELOG section; this version has one", () => {
    expect(steps.some((s) => s.run?.includes("CHANGELOG.md"))).toBe(true);
    expect(readFileSync(path.join(REPO, "CHANGELOG.md"), "utf8")).toMatch(new RegExp(`^## ${version.replaceAll(".", "\\.")} `, "m"));
  });
});
