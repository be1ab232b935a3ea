/**
 * Peak memory and CPU time of a `pulumi` run's process tree, sampled from /proc: every ~200 ms the
 * descendants of the CLI's pid are found (by their parent pid), and each one's peak resident set
 * (VmHWM, which the kernel keeps up to date between samples) and CPU time (utime + stime) are read.
 * A process's CPU after its last sample is not seen (at most one interval of it). Processes are
 * classed by their command line: the CLI, the program (the node child of the language host) and
 * the dynamic provider. Pids outside the tree (the S3 server) can be watched for CPU under a name.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

export type ProcessRole = "cli" | "program" | "provider" | "other";

/** Peak RSS in bytes by role (the largest process of the role; undefined when none was seen). */
export type PeakRss = Partial<Record<ProcessRole, number>>;

/** CPU milliseconds (user + system) by role, summed over the role's processes, and by watched name. */
export type CpuMs = Partial<Record<string, number>>;

let ticksPerSecond: number | undefined;
function clockTicks(): number {
  ticksPerSecond ??= Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  return ticksPerSecond;
}

/** CPU milliseconds a process has used so far (undefined once it has ended). */
export function cpuMsOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(rest[11]) + Number(rest[12])) * 1000) / clockTicks();
  } catch {
    return undefined;
  }
}

/** The role of a process of the tree, from its command line (arguments joined by spaces). */
export function roleOf(cmdline: string, isRoot: boolean): ProcessRole {
  if (isRoot) return "cli";
  // The language host and the provider shim first start `node -e require.resolve(...)`: helpers.
  if (/^\S*node -e /.test(cmdline)) return "other";
  if (/^\S*node .*cmd[/\\]dynamic-provider/.test(cmdline)) return "provider";
  if (/^\S*node .*cmd[/\\]run/.test(cmdline)) return "program";
  return "other";
}

interface Proc {
  pid: number;
  ppid: number;
}

function readProcs(): Proc[] {
  const procs: Proc[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      // Fields after the command (which may hold spaces) in parentheses: state, ppid, ...
      const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      procs.push({ pid: Number(name), ppid: Number(rest[1]) });
    } catch {
      /* the process ended between the listing and the read */
    }
  }
  return procs;
}

/** The pids of `root` and its descendants. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const p of readProcs()) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p.pid]);
  const tree: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    tree.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
}

function peakBytes(pid: number): number | undefined {
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

function cmdlineOf(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim();
  } catch {
    return undefined;
  }
}

export interface TreeSampler {
  /** Peak RSS by role so far. */
  peaks(): PeakRss;
  /** CPU used since the sampler started, by role and by watched name. */
  cpu(): CpuMs;
  /** The command line of each process seen, by role (to check the classification). */
  seen(): Map<number, { role: ProcessRole; cmdline: string }>;
  stop(): PeakRss;
}

/** Samples the tree under `root` every `intervalMs` until stopped; `watch` names other pids whose CPU counts. */
export function sampleTree(root: number, intervalMs = 200, watch: Record<string, number> = {}): TreeSampler {
  const seen = new Map<number, { role: ProcessRole; cmdline: string }>();
  const peakByPid = new Map<number, number>();
  const cpuByPid = new Map<number, number>();
  const watchedAtStart = Object.fromEntries(Object.entries(watch).map(([name, pid]) => [name, cpuMsOf(pid) ?? 0]));
  const watchedNow: Record<string, number> = { ...watchedAtStart };
  const sample = () => {
    for (const [name, pid] of Object.entries(watch)) watchedNow[name] = cpuMsOf(pid) ?? watchedNow[name]!;
    for (const pid of processTree(root)) {
      // A process not classed yet is looked at again: the plugin shim execs node in its own pid.
      if ((seen.get(pid)?.role ?? "other") === "other") {
        const cmdline = cmdlineOf(pid);
        if (cmdline === undefined || cmdline === "") continue;
        seen.set(pid, { role: roleOf(cmdline, pid === root), cmdline });
      }
      const bytes = peakBytes(pid);
      if (bytes !== undefined) peakByPid.set(pid, Math.max(bytes, peakByPid.get(pid) ?? 0));
      const ms = cpuMsOf(pid);
      if (ms !== undefined) cpuByPid.set(pid, ms);
    }
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  const peaks = (): PeakRss => {
    const out: PeakRss = {};
    for (const [pid, bytes] of peakByPid) {
      const role = seen.get(pid)!.role;
      out[role] = Math.max(out[role] ?? 0, bytes);
    }
    return out;
  };
  const cpu = (): CpuMs => {
    const out: CpuMs = {};
    for (const [pid, ms] of cpuByPid) {
      const role = seen.get(pid)?.role ?? "other";
      out[role] = (out[role] ?? 0) + ms;
    }
    for (const name of Object.keys(watch)) out[name] = watchedNow[name]! - watchedAtStart[name]!;
    return out;
  };
  return {
    peaks,
    cpu,
    seen: () => seen,
    stop: () => {
      clearInterval(timer);
      sample();
      return peaks();
    },
  };
}
