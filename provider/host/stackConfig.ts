/**
 * The org the stack's configuration names now, read in the provider process. `pulumi refresh` and
 * `pulumi destroy` configure the provider with the configuration the state recorded at the last
 * update (Pulumi's semantics), so the provider cannot learn a changed `umapi:orgId` from
 * configure(). What it can reach: the environment, and the `pulumi` command that started it (an
 * ancestor process, read from /proc on Linux): its command line names the stack (`--stack`) and any
 * `--config-file` or `--cwd`, and its working folder is where the CLI looked for the project, as
 * the CLI does, upwards to the folder of Pulumi.yaml. (The provider's own working folder is the
 * program's, which `main` may put elsewhere.)
 */
import { existsSync, readFileSync, readlinkSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";

export interface CurrentOrg {
  /** The org id the stack's configuration (or else UMAPI_ORG_ID) names; undefined when neither does. */
  orgId?: string;
  /** Where it was read: `Pulumi.prod.yaml`, `UMAPI_ORG_ID`. */
  source?: string;
  /** The pulumi subcommand that started this provider (`refresh`, `destroy`, `up`, …), when known. */
  command?: string;
}

export interface Ancestor {
  argv: string[];
  cwd: string;
}

export interface ProcessView {
  /** This process's working folder: the program's, used when no `pulumi` ancestor is found. */
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** This process's ancestors, nearest first. */
  ancestors: Ancestor[];
}

/** This process's ancestors, nearest first, through /proc (Linux); [] elsewhere. */
export function ancestors(maxDepth = 6): Ancestor[] {
  const out: Ancestor[] = [];
  let pid = process.ppid;
  for (let i = 0; i < maxDepth && pid > 1; i++) {
    try {
      out.push({ argv: readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean), cwd: readlinkSync(`/proc/${pid}/cwd`) });
      // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may hold spaces, so split after its ")".
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      pid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    } catch {
      break;
    }
  }
  return out;
}

const SUBCOMMANDS = new Set(["up", "update", "preview", "refresh", "destroy", "import", "watch"]);

interface PulumiCommand {
  command?: string;
  cwd: string;
  flag(names: string[]): string | undefined;
}

/** The `pulumi` command among the ancestors: its subcommand, its folder and the value of each flag asked for. */
function pulumiCommand(list: Ancestor[]): PulumiCommand | undefined {
  const found = list.find((a) => a.argv.length > 0 && path.basename(a.argv[0]!) === "pulumi");
  if (!found) return undefined;
  const { argv } = found;
  return {
    command: argv.slice(1).find((a) => SUBCOMMANDS.has(a)),
    cwd: found.cwd,
    flag: (names) => {
      for (let i = 1; i < argv.length; i++) {
        for (const n of names) {
          if (argv[i] === n) return argv[i + 1];
          if (argv[i]!.startsWith(`${n}=`)) return argv[i]!.slice(n.length + 1);
        }
      }
      return undefined;
    },
  };
}

/** The folder of the project's Pulumi.yaml, found upwards from `dir` as the CLI finds it; its stack files' folder. */
function stackConfigDir(dir: string): string | undefined {
  for (let d = dir; ; d = path.dirname(d)) {
    const project = ["Pulumi.yaml", "Pulumi.yml"].map((f) => path.join(d, f)).find((f) => existsSync(f));
    if (project) {
      const { stackConfigDir: sub } = (parse(readFileSync(project, "utf8")) ?? {}) as { stackConfigDir?: string };
      return sub ? path.resolve(d, sub) : d;
    }
    if (d === path.dirname(d)) return undefined;
  }
}

/** The org the stack's configuration names now, as far as this process can tell. */
export function currentOrg(view: ProcessView): CurrentOrg {
  const cli = pulumiCommand(view.ancestors);
  // As the CLI chooses: --stack, else PULUMI_STACK (the workspace's selected stack is not read).
  const stack = cli?.flag(["--stack", "-s"]) || view.env.PULUMI_STACK;
  const cwd = cli ? path.resolve(cli.cwd, cli.flag(["--cwd", "-C"]) ?? ".") : view.cwd;
  const explicit = cli?.flag(["--config-file"]);
  const dir = explicit ? cwd : stackConfigDir(cwd);
  const configFile = explicit ?? (stack ? `Pulumi.${stack.split("/").at(-1)}.yaml` : undefined);
  const file = dir && configFile ? path.resolve(dir, configFile) : undefined;
  if (file && existsSync(file)) {
    const doc = (parse(readFileSync(file, "utf8")) ?? {}) as { config?: Record<string, unknown> };
    const orgId = doc.config?.["umapi:orgId"];
    if (typeof orgId === "string" && orgId !== "") return { orgId, source: path.basename(file), command: cli?.command };
  }
  if (view.env.UMAPI_ORG_ID) return { orgId: view.env.UMAPI_ORG_ID, source: "UMAPI_ORG_ID", command: cli?.command };
  return { command: cli?.command };
}
