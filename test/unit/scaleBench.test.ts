/**
 * The scale benchmark's own parts: the settings it reads from the template's workflow, and how it
 * tells the processes of a `pulumi` run apart (command lines as seen under the pinned CLI 3.259.0).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { cpuMsOf, roleOf, sampleTree } from "../../bench/workloads/procTree";
import { templateSettings, withCheckpoints } from "../../scripts/lib/templateSettings";

const workflow = (text: string) => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "umapi-wf-")), "adobe-org.yml");
  writeFileSync(file, text);
  return file;
};

const WORKFLOW = `
env:
  PULUMI_CONFIG_PASSPHRASE: \${{ secrets.PULUMI_CONFIG_PASSPHRASE }}
  PULUMI_SKIP_CHECKPOINTS: "true"
jobs:
  preview:
    steps:
      - uses: pulumi/actions@v7
        env:
          UMAPI_VALIDATE_ON_PREVIEW: "true"
        with: { command: preview, diff: true, parallel: 64 }
  up:
    steps:
      - uses: pulumi/actions@v7
      - run: pulumi cancel --yes
      - uses: pulumi/actions@v7
        with: { command: up, parallel: 16 }
`;

describe("the template's settings, read from its workflow", () => {
  it("takes the workflow's, the job's and the command step's environment, without GitHub expressions", () => {
    const s = templateSettings(workflow(WORKFLOW));
    expect(s.preview).toEqual({ env: { PULUMI_SKIP_CHECKPOINTS: "true", UMAPI_VALIDATE_ON_PREVIEW: "true" }, args: ["--parallel", "64", "--diff"], parallel: 64 });
    expect(s.up).toEqual({ env: { PULUMI_SKIP_CHECKPOINTS: "true" }, args: ["--parallel", "16"], parallel: 16 });
  });

  it("gives the naive baseline the same settings with per-step checkpoints", () => {
    expect(withCheckpoints(templateSettings(workflow(WORKFLOW)).up)).toEqual({ env: {}, args: ["--parallel", "16"], parallel: 16 });
  });

  it("takes the flags of a `pulumi up` line in a run script, without the stack, the policy pack, the redirects and the flags of a manual run", () => {
    const text = `
env:
  PULUMI_SKIP_CHECKPOINTS: "true"
jobs:
  up:
    steps:
      - run: pulumi cancel --yes --stack "$PULUMI_STACK"
      - env:
          PULUMI_STACK: \${{ vars.PULUMI_STACK }}
          PULUMI_ENABLE_STREAMING_JSON_PREVIEW: "true"
        run: |
          set +e
          pulumi up --yes --stack "$PULUMI_STACK" --policy-pack policy --policy-pack-config policy/config.json \\
            --parallel 64 --continue-on-error "\${refresh[@]}" --json > up.json 2> up.log
  preview:
    steps:
      - run: pulumi preview --stack s --parallel 8 --json > preview.json
`;
    const s = templateSettings(workflow(text));
    expect(s.up).toEqual({ env: { PULUMI_SKIP_CHECKPOINTS: "true", PULUMI_ENABLE_STREAMING_JSON_PREVIEW: "true" }, args: ["--parallel", "64", "--continue-on-error", "--json"], parallel: 64 });
    expect(s.preview).toEqual({ env: { PULUMI_SKIP_CHECKPOINTS: "true" }, args: ["--parallel", "8", "--json"], parallel: 8 });
  });

  it("names the job when no step runs the command", () => {
    expect(() => templateSettings(workflow("jobs:\n  up:\n    steps:\n      - run: pulumi cancel\n  preview:\n    steps: []\n"))).toThrow(/job "up" has no step running pulumi up/);
  });

  it("reads the template's real workflow", () => {
    const s = templateSettings();
    expect(s.up.args).toContain("--parallel");
    expect(s.preview.args).toContain("--parallel");
  });
});

describe("the processes of a pulumi run", () => {
  it.each([
    ["/work/.tools/pulumi/bin/pulumi up --yes --skip-preview --stack s --non-interactive", true, "cli"],
    ["node /work/node_modules/@pulumi/pulumi/cmd/run/index.js --monitor=127.0.0.1:1 --engine=127.0.0.1:2 --project=adobe-org", false, "program"],
    ["node /work/node_modules/@pulumi/pulumi/cmd/dynamic-provider/index.js 127.0.0.1:36627", false, "provider"],
    ["node -e console.log(require.resolve(process.argv[1])) @pulumi/pulumi/cmd/run", false, "other"],
    ["node -e console.log(require.resolve('@pulumi/pulumi/cmd/dynamic-provider'))", false, "other"],
    ["/bin/sh /work/.tools/pulumi/bin/pulumi-resource-pulumi-nodejs 127.0.0.1:35369", false, "other"],
    ["/work/.tools/pulumi/bin/pulumi-language-nodejs 127.0.0.1:34193", false, "other"],
  ] as const)("%s (the CLI itself: %s) is classed %s", (cmdline, isRoot, role) => {
    expect(roleOf(cmdline, isRoot)).toBe(role);
  });
});

describe("the CPU of a pulumi run's processes", () => {
  const busy = (ms: number) => spawn(process.execPath, ["-e", `const t = Date.now(); while (Date.now() - t < ${ms}) {}`], { stdio: "ignore" });

  it("sums what the tree's processes used while sampled, and a watched process outside the tree under its name", async () => {
    const watched = busy(1500);
    const root = busy(600);
    const sampler = sampleTree(root.pid!, 20, { s3: watched.pid! });
    await once(root, "exit");
    const cpu = sampler.cpu();
    sampler.stop();
    expect(cpu.cli).toBeGreaterThan(0);
    expect(cpu.s3).toBeGreaterThan(0);
    expect(cpu.program ?? 0).toBe(0);
    await once(watched, "exit");
    expect(cpuMsOf(watched.pid!)).toBeUndefined();
  });

  it("classes a process again when it execs: a shell that becomes the dynamic provider counts as the provider", async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), "umapi-proc-")), "cmd", "dynamic-provider");
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "index.js"), "const t = Date.now(); while (Date.now() - t < 500) {}\n");
    const root = spawn("bash", ["-c", `bash -c 'sleep 0.3; exec node ${path.join(dir, "index.js")}'; true`], { stdio: "ignore" });
    const sampler = sampleTree(root.pid!, 20);
    await once(root, "exit");
    expect(sampler.cpu().provider).toBeGreaterThan(0);
    expect(sampler.stop().provider).toBeGreaterThan(0);
  });
});
