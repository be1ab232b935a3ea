/**
 * The org.yaml loader under generated text: org-like objects rendered as YAML, garbage, and the
 * examples with random edits. It returns an org or throws OrgFileError, never anything else, and
 * every problem has a line and column inside the file and a path to the value it is about.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { OrgFileError, parseOrgFile } from "../../provider";
import { formatPath } from "../../provider/orgfile/problems";
import { editedExample, garbage, orgYaml } from "./orgArbitraries";

/** Fields a problem may name although the file lacks them: the always and sometimes required ones. */
const REQUIRED = ["email", "firstName", "lastName", "country", "domain", "name", "role", "target"];

/** Every path a problem may name in `value`: its key paths, and a required field under any of them. */
function namablePaths(value: unknown): Set<string> {
  const out = new Set<string>();
  const walk = (v: unknown, segs: (string | number)[], depth: number) => {
    out.add(formatPath(segs));
    for (const r of REQUIRED) out.add(formatPath([...segs, r]));
    if (depth > 12 || v === null || typeof v !== "object") return;
    const entries: [string | number, unknown][] = Array.isArray(v) ? v.map((x, i) => [i, x]) : Object.entries(v);
    for (const [k, x] of entries) walk(x, [...segs, k], depth + 1);
  };
  walk(value, [], 0);
  return out;
}

const isMapping = (v: unknown) => v !== null && typeof v === "object" && !Array.isArray(v);

/** Why loading `text` breaks the loader's contract, if it does. */
function contractBreaks(text: string): string[] {
  let error: unknown;
  try {
    parseOrgFile(text, "org.yaml");
    return [];
  } catch (err) {
    error = err;
  }
  if (!(error instanceof OrgFileError)) return [`threw ${String(error)}`];
  if (error.problems.length === 0) return ["an OrgFileError without problems"];
  const lines = text.split(/\r\n|\r|\n/).length;
  const doc = parseDocument(text, { uniqueKeys: true, schema: "core", resolveKnownTags: false, logLevel: "error" });
  let value: unknown;
  try {
    value = doc.errors.length === 0 ? doc.toJS({ maxAliasCount: 100 }) : undefined;
  } catch {
    value = undefined;
  }
  const namable = namablePaths(value);
  const out: string[] = [];
  for (const p of error.problems) {
    const at = `${p.line}:${p.column} ${p.path}: ${p.message}`;
    if (p.file !== "org.yaml") out.push(`${at}: file ${p.file}`);
    if (!Number.isInteger(p.line) || p.line < 1 || p.line > lines) out.push(`${at}: line outside the file's ${lines} lines`);
    if (!Number.isInteger(p.column) || p.column < 1) out.push(`${at}: column`);
    if (!p.message) out.push(`${at}: no message`);
    const aboutTheText = p.message.startsWith("YAML");
    if (p.path === "" && !aboutTheText && isMapping(value)) out.push(`${at}: no path, in a file that is a mapping`);
    if (p.path !== "" && !namable.has(p.path)) out.push(`${at}: path not in the file`);
  }
  return out;
}

describe("parseOrgFile on generated text", () => {
  it("org-like objects as YAML (block, flow, quoted, JSON)", () => {
    fc.assert(
      fc.property(orgYaml, (text) => {
        expect(contractBreaks(text)).toEqual([]);
      }),
      { numRuns: 2_000 },
    );
  });

  it("garbage: any string, and YAML syntax in any order", () => {
    fc.assert(
      fc.property(garbage, (text) => {
        expect(contractBreaks(text)).toEqual([]);
      }),
      { numRuns: 2_000 },
    );
  });

  it("the examples with random edits", () => {
    fc.assert(
      fc.property(editedExample, (text) => {
        expect(contractBreaks(text)).toEqual([]);
      }),
      { numRuns: 1_000 },
    );
  });
});

describe("YAML that cannot be turned into values is a located problem, not a crash", () => {
  it.each([
    ["an alias bomb", "a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nusers: [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"],
    ["an alias without its anchor", "users: *x\n"],
    ["YAML 1.1 types (binary, set, ordered map) read as plain values", "%YAML 1.1\n---\nsettings: !!omap [{ adopt: true }]\nusers: [!!binary AAAA, !!set { a }]\n"],
  ])("%s", (_, text) => {
    expect(contractBreaks(text)).toEqual([]);
  });
});
