/**
 * The org the stack's configuration names now, read in the provider process. `pulumi refresh` and
 * `pulumi destroy` configure the provider with the configuration the state recorded at the last
 * update (Pulumi's semantics), so the provider cannot learn a changed `umapi:orgId` from
 * configure(). What it can reach: the environment, the CLI's workspace files (the selected stack),
 * and the `pulumi` command that started it (an ancestor process, read from /proc on Linux): its
 * command line names the stack (`--stack`) and any `--config-file` or `--cwd`, and its working
 * folder is where the CLI looked for the project, upwards to the folder of Pulumi.yaml. (The
 * provider's own working folder is the program's, which `main` may put elsewhere.)
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readlinkSync } from "node:fs";
import { homedir } from "node:os";
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

interface Project {
  /** The path of Pulumi.yaml. */
  file: string;
  name?: string;
  /** The folder of its stack files. */
  stackConfigDir: string;
}

/** The project's Pulumi.yaml, found upwards from `dir` as the CLI finds it. */
function findProject(dir: string): Project | undefined {
  for (let d = dir; ; d = path.dirname(d)) {
    const file = ["Pulumi.yaml", "Pulumi.yml"].map((f) => path.join(d, f)).find((f) => existsSync(f));
    if (file) {
      const { name, stackConfigDir: sub } = (parse(readFileSync(file, "utf8")) ?? {}) as { name?: string; stackConfigDir?: string };
      return { file, name, stackConfigDir: sub ? path.resolve(d, sub) : d };
    }
    if (d === path.dirname(d)) return undefined;
  }
}

/**
 * The stack `pulumi stack select` chose for the project: the CLI keeps it in
 * `$PULUMI_HOME/workspaces/<project>-<sha1 of Pulumi.yaml's path>-workspace.json`, by backend URL
 * (`stacks`) or, in older files, as `stack`. With several backends, the one PULUMI_BACKEND_URL or
 * the current login names.
 */
export function selectedStack(project: Project, env: NodeJS.ProcessEnv): string | undefined {
  const home = env.PULUMI_HOME || path.join(homedir(), ".pulumi");
  const file = path.join(home, "workspaces", `${project.name}-${createHash("sha1").update(project.file).digest("hex")}-workspace.json`);
  if (!project.name || !existsSync(file)) return undefined;
  const { stack, stacks = {} } = JSON.parse(readFileSync(file, "utf8")) as { stack?: string; stacks?: Record<string, string> };
  const names = Object.values(stacks);
  if (names.length === 1) return names[0];
  const credentials = path.join(home, "credentials.json");
  const backend = env.PULUMI_BACKEND_URL || (existsSync(credentials) ? (JSON.parse(readFileSync(credentials, "utf8")) as { current?: string }).current : undefined);
  return (backend && stacks[backend]) || stack || undefined;
}

/** The org the stack's configuration names now, as far as this process can tell. */
export function currentOrg(view: ProcessView): CurrentOrg {
  const cli = pulumiCommand(view.ancestors);
  const cwd = cli ? path.resolve(cli.cwd, cli.flag(["--cwd", "-C"]) ?? ".") : view.cwd;
  const project = findProject(cwd);
  // As the CLI chooses: --stack, else PULUMI_STACK, else the workspace's selected stack.
  const stack = cli?.flag(["--stack", "-s"]) || view.env.PULUMI_STACK || (project && selectedStack(project, view.env));
  const explicit = cli?.flag(["--config-file"]);
  const dir = explicit ? cwd : project?.stackConfigDir;
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
