/**
 * Peak memory of a `pulumi` run's process tree, sampled from /proc: every ~200 ms the descendants of
 * the CLI's pid are found (by their parent pid) and each one's peak resident set (VmHWM, which the
 * kernel keeps up to date between samples) is read. Processes are classed by their command line:
 * the CLI, the program (the node child of the language host) and the dynamic provider.
 */
import { readdirSync, readFileSync } from "node:fs";

export type ProcessRole = "cli" | "program" | "provider" | "other";

/** Peak RSS in bytes by role (the largest process of the role; undefined when none was seen). */
export type PeakRss = Partial<Record<ProcessRole, number>>;

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
  /** The command line of each process seen, by role (to check the classification). */
  seen(): Map<number, { role: ProcessRole; cmdline: string }>;
  stop(): PeakRss;
}

/** Samples the tree under `root` every `intervalMs` until stopped. */
export function sampleTree(root: number, intervalMs = 200): TreeSampler {
  const seen = new Map<number, { role: ProcessRole; cmdline: string }>();
  const peakByPid = new Map<number, number>();
  const sample = () => {
    for (const pid of processTree(root)) {
      if (!seen.has(pid)) {
        const cmdline = cmdlineOf(pid);
        if (cmdline === undefined || cmdline === "") continue;
        seen.set(pid, { role: roleOf(cmdline, pid === root), cmdline });
      }
      const bytes = peakBytes(pid);
      if (bytes !== undefined) peakByPid.set(pid, Math.max(bytes, peakByPid.get(pid) ?? 0));
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
  return {
    peaks,
    seen: () => seen,
    stop: () => {
      clearInterval(timer);
      return peaks();
    },
  };
}
