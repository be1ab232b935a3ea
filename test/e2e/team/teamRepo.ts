/**
 * A team's own repository, outside this checkout: the package as `npm pack` builds it, a project
 * made by `pulumi new` from the template, the team's Node.js and the real CLI on PATH.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { pulumiBin, REPO } from "../harness";

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd: string;
  env: Record<string, string>;
  timeoutMs?: number;
}

/**
 * This process's environment as a team's shell would have it: without the `npm_*` variables that
 * `npm test` sets (npm_config_local_prefix and the like would point a child npm at this checkout).
 */
function shellEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/^npm_/i.test(k) && k !== "INIT_CWD") env[k] = v;
  return env;
}

/** Runs a command asynchronously (the emulator serves from this process and must keep answering). */
export function run(cmd: string, args: string[], opts: RunOptions): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: { ...shellEnv(), ...opts.env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs ?? 300_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}

/** Fails with the command's output when it did not exit 0. */
export function ok(res: RunResult, what: string): RunResult {
  if (res.code !== 0) throw new Error(`${what} exited with ${res.code}\n--- stdout\n${res.stdout}\n--- stderr\n${res.stderr}`);
  return res;
}

/** A Node.js a team may run, and the @pulumi/pulumi it installs with it (an end of the peer range). */
export interface NodeRuntime {
  label: string;
  binDir: string;
  /** An npm version spec: the oldest supported release, or `latest`. */
  sdk: string;
}

const pkg = JSON.parse(readFileSync(path.join(REPO, "package.json"), "utf8")) as { version: string; peerDependencies: Record<string, string> };

/** The lower end of the package's @pulumi/pulumi peer range (`>=3.216.0 <4.0.0` gives 3.216.0). */
export const OLDEST_SDK = /^>=(\d+\.\d+\.\d+)/.exec(pkg.peerDependencies["@pulumi/pulumi"]!)![1]!;

export const RUNTIMES: NodeRuntime[] = [
  { label: "Node 20 with the oldest supported SDK", binDir: path.dirname(process.execPath), sdk: OLDEST_SDK },
  { label: "Node 22 with the newest SDK", binDir: path.join(REPO, ".tools/node22/bin"), sdk: "latest" },
];

/** `npm pack` of this checkout (built by `npm test` first) into `dest`; returns the tarball's path. */
export async function packPackage(dest: string): Promise<string> {
  const res = ok(await run("npm", ["pack", "--json", "--pack-destination", dest], { cwd: REPO, env: {} }), "npm pack");
  const [{ filename }] = JSON.parse(res.stdout) as [{ filename: string }];
  return path.join(dest, filename);
}

/** The environment of a team's shell: its Node first on PATH, then the CLI. */
export function teamEnv(node: NodeRuntime, extra: Record<string, string>): Record<string, string> {
  return {
    PATH: `${node.binDir}:${pulumiBin()}:${process.env.PATH}`,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    NO_UPDATE_NOTIFIER: "1",
    npm_config_fund: "false",
    npm_config_audit: "false",
    ...extra,
  };
}
