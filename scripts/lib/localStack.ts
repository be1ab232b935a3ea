/**
 * A hermetic local stack: the real `pulumi` CLI (built by scripts/install-pulumi.sh), a `file://`
 * backend in a temporary folder, passphrase secrets, no update check, no plugin downloads, a
 * private PULUMI_HOME — and the UMAPI emulator as the org. Used by the demo, the benchmarks and
 * the end-to-end tests, which get outputs, exported state, the CLI's output and the emulator's
 * metrics.
 */
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { LocalWorkspace, PulumiCommand, type Stack, type UpResult, type PreviewResult } from "@pulumi/pulumi/automation";
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "../../emulator";

/** The repository root, from the sources (tests) or from dist/ (demo, benchmarks). */
export const REPO = findRoot(__dirname);

function findRoot(dir: string): string {
  for (let d = dir; d !== path.dirname(d); d = path.dirname(d)) {
    if (existsSync(path.join(d, "package.json")) && existsSync(path.join(d, "scripts", "install-pulumi.sh"))) return d;
  }
  throw new Error(`cannot find the pulumi-adobe-umapi checkout above ${dir}`);
}

let binDir: string | undefined;

/** The folder holding `pulumi`, `pulumi-language-nodejs` and the dynamic-provider shim. */
export function pulumiBin(): string {
  if (binDir) return binDir;
  const out = execFileSync("bash", [path.join(REPO, "scripts/install-pulumi.sh")], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  binDir = out.trim().split("\n").at(-1)!;
  return binDir;
}

export interface StackOptions {
  /** Program folder, relative to the repo root. */
  program: string;
  config?: Record<string, string>;
  secrets?: Record<string, string>;
  emulator?: EmulatorOptions;
  /** Extra environment for the CLI (and so the provider process). */
  env?: Record<string, string>;
  /** Pass the emulator's credentials as stack config (umapi:*) instead of environment variables. */
  credentialsAs?: "env" | "config";
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunningCli {
  pid: number;
  done: Promise<CliResult>;
  kill(): void;
}

export interface TestStack {
  stack: Stack;
  /** The file backend's folder (PULUMI_BACKEND_URL is `file://<backendDir>?metadata=skip` unless the options set another). */
  backendDir: string;
  emulator: RunningEmulator;
  output: string[];
  up(opts?: { policyPacks?: string[]; policyPackConfigs?: string[] }): Promise<UpResult>;
  preview(opts?: { policyPacks?: string[]; policyPackConfigs?: string[] }): Promise<PreviewResult>;
  refresh(): Promise<void>;
  destroy(): Promise<void>;
  setScenario(scenario: unknown): Promise<void>;
  /**
   * Runs the CLI itself (as a user or CI would), in the program folder with the stack selected.
   * Asynchronous on purpose: the emulator serves from this process and must keep answering.
   */
  cli(args: string[]): Promise<CliResult>;
  /** The same, returning at once: the CLI's pid, its result, and a SIGKILL of its whole process group. */
  startCli(args: string[], opts?: { timeoutMs?: number }): RunningCli;
  exportedState(): Promise<string>;
  /** The state as the backend stores it (its checkpoint file): `stack export` would decrypt config secrets. */
  storedState(): string;
  stackName: string;
  /** The environment the CLI runs with (PATH, backend, passphrase, UMAPI credentials). */
  envVars: Record<string, string>;
  dispose(): Promise<void>;
}

/** SIGKILLs every process whose environment holds `marker` (this machine's /proc). */
export function killByEnvironment(marker: string): void {
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${pid}/environ`, "latin1").split("\0").includes(marker)) process.kill(Number(pid), "SIGKILL");
    } catch {
      /* gone, or not ours */
    }
  }
}

export async function createStack(opts: StackOptions): Promise<TestStack> {
  const emulator = await startEmulator({ timeScale: 60, ...opts.emulator });
  const tmp = mkdtempSync(path.join(tmpdir(), "umapi-e2e-"));
  mkdirSync(path.join(tmp, "backend"));
  const stackName = `t${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  const bin = pulumiBin();
  const creds = { UMAPI_ORG_ID: emulator.orgId, UMAPI_CLIENT_ID: emulator.clientId, UMAPI_CLIENT_SECRET: emulator.clientSecret, UMAPI_URL: emulator.umapiUrl, UMAPI_IMS_URL: emulator.imsUrl };
  const envVars: Record<string, string> = {
    PATH: `${bin}:${process.env.PATH}`,
    // metadata=skip: no `.attrs` sidecar beside each state file. Those are written in place, so a
    // CLI killed as it writes one leaves it empty and the stack unreadable ("failed to load
    // checkpoint: EOF"); the state files themselves are replaced atomically (docs/troubleshooting.md).
    PULUMI_BACKEND_URL: `file://${tmp}/backend?metadata=skip`,
    PULUMI_CONFIG_PASSPHRASE: "e2e-passphrase",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
    UMAPI_TIME_SCALE: "60",
    ...(opts.credentialsAs === "config" ? {} : creds),
    ...opts.env,
  };
  const pulumiCommand = await PulumiCommand.get({ root: path.dirname(bin), skipVersionCheck: true });
  const workDir = path.join(REPO, opts.program);
  const stack = await LocalWorkspace.createOrSelectStack({ stackName, workDir }, { pulumiCommand, pulumiHome: path.join(tmp, "home"), envVars });
  const config: Record<string, { value: string; secret?: boolean }> = {};
  for (const [k, v] of Object.entries(opts.config ?? {})) config[k] = { value: v };
  for (const [k, v] of Object.entries(opts.secrets ?? {})) config[k] = { value: v, secret: true };
  if (opts.credentialsAs === "config") {
    Object.assign(config, {
      "umapi:orgId": { value: emulator.orgId },
      "umapi:clientId": { value: emulator.clientId },
      "umapi:clientSecret": { value: emulator.clientSecret, secret: true },
      "umapi:url": { value: emulator.umapiUrl },
      "umapi:imsUrl": { value: emulator.imsUrl },
    });
  }
  if (Object.keys(config).length > 0) await stack.setAllConfig(config);
  const output: string[] = [];
  const onOutput = (s: string) => void output.push(s);
  const packs = (o?: { policyPacks?: string[]; policyPackConfigs?: string[] }) => ({
    policyPacks: o?.policyPacks?.map((p) => path.join(REPO, p)),
    policyPackConfigs: o?.policyPackConfigs?.map((p) => (path.isAbsolute(p) ? p : path.join(REPO, p))),
  });
  /** The CLI in a process group of its own, so a kill takes the language host, program and provider with it. */
  const startCli = (args: string[], cliOpts: { timeoutMs?: number } = {}): RunningCli => {
    const child = spawn(path.join(bin, "pulumi"), [...args, "--stack", stackName, "--non-interactive"], {
      cwd: workDir,
      env: { ...process.env, ...envVars, PULUMI_HOME: path.join(tmp, "home") },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (d) => (stdout += d));
    child.stderr!.on("data", (d) => (stderr += d));
    // A lost machine takes every process with it: the CLI's group, and the provider plugins the
    // engine starts in process groups of their own (found by this stack's private PULUMI_HOME).
    const kill = () => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        /* already gone */
      }
      killByEnvironment(`PULUMI_HOME=${path.join(tmp, "home")}`);
    };
    const timer = setTimeout(kill, cliOpts.timeoutMs ?? 300_000);
    const done = new Promise<CliResult>((resolve, reject) => {
      child.on("error", reject);
      child.on("close", (code, signal) => {
        clearTimeout(timer);
        resolve({ code: code ?? (signal ? 128 : -1), stdout, stderr });
      });
    });
    return { pid: child.pid!, done, kill };
  };
  return {
    stack,
    backendDir: path.join(tmp, "backend"),
    emulator,
    output,
    up: (o) => stack.up({ onOutput, ...packs(o) }),
    preview: (o) => stack.preview({ onOutput, diff: true, ...packs(o) }),
    refresh: async () => void (await stack.refresh({ onOutput })),
    destroy: async () => void (await stack.destroy({ onOutput })),
    cli: (args) => startCli(args).done,
    startCli,
    setScenario: (s) => stack.setConfig("scenario", { value: JSON.stringify(s) }),
    exportedState: async () => JSON.stringify(await stack.exportStack()),
    storedState: () => {
      const dir = path.join(tmp, "backend", ".pulumi/stacks");
      return readFileSync(path.join(dir, readdirSync(dir)[0]!, `${stackName}.json`), "utf8");
    },
    stackName,
    envVars,
    dispose: async () => {
      try {
        await stack.workspace.removeStack(stackName, { force: true });
      } catch {
        /* the stack may hold resources after a failed test; the backend is deleted anyway */
      }
      const stackFile = path.join(workDir, `Pulumi.${stackName}.yaml`);
      if (existsSync(stackFile)) rmSync(stackFile);
      rmSync(tmp, { recursive: true, force: true });
      await emulator.close();
    },
  };
}
