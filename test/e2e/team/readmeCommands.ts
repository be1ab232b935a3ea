/**
 * The README's commands as a user runs them: the ```sh blocks of a section, taken as written, with
 * only the values a user fills in substituted (the org id and credentials, the backend URL, the
 * clone's path, the answers to `pulumi new`'s prompts). A placeholder left unfilled fails the test,
 * so a README that gains one must say what a user puts there.
 */
import path from "node:path";
import { ok, run, type RunResult } from "./teamRepo";

/** The ```sh blocks of the section under `heading` (until the next heading of its level or above), one array of lines each. */
export function shellBlocks(markdown: string, heading: string): string[][] {
  const lines = markdown.split("\n");
  const start = lines.findIndex((l) => /^#+ /.test(l) && l.replace(/^#+ /, "").trim() === heading);
  if (start < 0) throw new Error(`no heading "${heading}"`);
  const level = /^#+/.exec(lines[start]!)![0].length;
  const blocks: string[][] = [];
  let block: string[] | undefined;
  for (const line of lines.slice(start + 1)) {
    if (!block && /^#+ /.test(line) && /^#+/.exec(line)![0].length <= level) break;
    if (!block && line.trim() === "```sh") block = [];
    else if (block && line.trim() === "```") (blocks.push(block), (block = undefined));
    else if (block && line.trim() !== "" && !line.trim().startsWith("#")) block.push(line.trim());
  }
  return blocks;
}

/** What a user fills in. */
export interface FillIns {
  backendUrl: string;
  orgId: string;
  clientId: string;
  clientSecret: string;
  clonePath: string;
  /** Arguments that stand for the answers to `pulumi new`'s prompts (project, config values). */
  newAnswers: string[];
  /** Commands that stand for the prompt answer `pulumi new` would encrypt (the secret), run right after it. */
  afterNew: string[];
}

/** The line as the user runs it: the trailing comment dropped, the fill-ins substituted. */
export function fillIn(line: string, v: FillIns): string[] {
  let cmd = line.replace(/\s+#\s.*$/, "");
  cmd = cmd
    .replace("'s3://<bucket>?region=<region>'", `'${v.backendUrl}'`)
    .replace("<path-to-clone>", v.clonePath)
    .replace("UMAPI_ORG_ID=…", `UMAPI_ORG_ID=${v.orgId}`)
    .replace("UMAPI_CLIENT_ID=…", `UMAPI_CLIENT_ID=${v.clientId}`)
    .replace("UMAPI_CLIENT_SECRET=…", `UMAPI_CLIENT_SECRET=${v.clientSecret}`);
  if (/…|<[a-z-]+>/.test(cmd)) throw new Error(`the README line "${line}" has a placeholder the test does not fill in: ${cmd}`);
  if (cmd.startsWith("pulumi new ")) return [`${cmd} ${v.newAnswers.join(" ")}`, ...v.afterNew];
  return [cmd];
}

export interface Transcript {
  /** `$ command` lines, with the folder each ran in, as run. */
  lines: string[];
  results: RunResult[];
}

/**
 * Runs the lines one by one with bash in `cwd`, following `cd`; fails on the first that exits
 * non-zero, naming it. Returns the folder the lines ended in.
 */
export async function runLines(lines: string[], start: string, env: Record<string, string>, transcript: Transcript): Promise<string> {
  let cwd = start;
  for (const cmd of lines) {
    transcript.lines.push(`[${path.basename(cwd)}]$ ${cmd}`);
    const cd = /^cd (\S+)$/.exec(cmd);
    if (cd) {
      cwd = path.resolve(cwd, cd[1]!);
      continue;
    }
    transcript.results.push(ok(await run("bash", ["-c", cmd], { cwd, env }), `the README's command \`${cmd}\``));
  }
  return cwd;
}
