/**
 * Turns zod issues on a parsed org file into problems that point into the YAML text: a readable
 * path (`users[3].country`), a line and column, and a message that says how to fix it.
 */
import { isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from "yaml";
import { z } from "zod";

export interface OrgFileProblem {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  /** `users[3].country`; empty for the file as a whole. */
  path: string;
  message: string;
}

type Key = PropertyKey;

/** `users[3].country`; a key that is not a plain name is quoted: `users[0]."first name"`. */
export function formatPath(path: readonly Key[]): string {
  const name = (k: Key) => (/^[A-Za-z_$][\w$-]*$/.test(String(k)) ? String(k) : JSON.stringify(String(k)));
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? name(p) : `.${name(p)}`)).join("");
}

export function formatProblem(p: OrgFileProblem): string {
  return `${p.file}:${p.line}:${p.column} ${p.path ? `${p.path}: ` : ""}${p.message}`;
}

/** Every problem of `issues`, located in `doc`, de-duplicated and in file order. */
export function problemsOf(issues: readonly z.core.$ZodIssue[], ctx: { file: string; doc: Document; lines: LineCounter; value: unknown; schema: z.ZodType }): OrgFileProblem[] {
  const out = new Map<string, OrgFileProblem>();
  const add = (path: Key[], message: string, at: "key" | "value" = "value") => {
    const { line, col } = ctx.lines.linePos(offsetOf(ctx.doc, path, at));
    const p = { file: ctx.file, line, column: col, path: formatPath(path), message };
    out.set(`${p.path}|${message}`, p);
  };
  const visit = (issue: z.core.$ZodIssue, prefix: Key[]) => {
    const path = [...prefix, ...issue.path];
    if (issue.code === "invalid_union" && issue.errors.length > 0) {
      // Report the branch the value was meant for: the one that did not fail on its type.
      const branch = issue.errors.find((errs) => !errs.some((e) => e.code === "invalid_type" && e.path.length === 0)) ?? issue.errors[0]!;
      for (const e of branch) visit(e, path);
    } else if (issue.code === "unrecognized_keys") {
      const known = fieldsAt(ctx.schema, path);
      for (const key of issue.keys) add([...path, key], unknownFieldMessage(key, known), "key");
    } else add(path, messageOf(issue, valueAt(ctx.value, path), path));
  };
  for (const issue of issues) visit(issue, []);
  return [...out.values()].sort((a, b) => a.line - b.line || a.column - b.column);
}

/** The message of an issue: the schemas' own messages are kept; zod's generic ones are rewritten. */
function messageOf(issue: z.core.$ZodIssue, value: unknown, path: Key[]): string {
  // A schema's own message ("is required: the user's email address") beats zod's, except when a value
  // of the wrong type is there: then say what was expected and what was found.
  const own = /^[a-z]/.test(issue.message);
  if (own && !(issue.code === "invalid_type" && value !== undefined)) return issue.message;
  switch (issue.code) {
    case "invalid_type":
      if (path.length === 0) {
        return value === null || value === undefined
          ? "the file is empty (fix: declare users: and userGroups:, or start from the output of umapi-export)"
          : `the file must be a mapping with settings:, users: and userGroups: (got ${describe(value)})`;
      }
      return value === undefined ? "is required" : `must be ${expected(issue.expected)} (got ${describe(value)})`;
    case "too_small":
      if (issue.origin === "string") return Number(issue.minimum) <= 1 ? "must not be empty" : `must have at least ${issue.minimum} characters`;
      return issue.origin === "array" ? `must list at least ${issue.minimum} entries` : `must be at least ${issue.minimum}`;
    case "too_big":
      if (issue.origin === "string") return `is longer than ${issue.maximum} characters`;
      return issue.origin === "array" ? `lists more than ${issue.maximum} entries` : `must be at most ${issue.maximum}`;
    case "invalid_value":
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    default:
      return issue.message.charAt(0).toLowerCase() + issue.message.slice(1);
  }
}

function expected(type: string): string {
  const names: Record<string, string> = { array: "a list", object: "a mapping (key: value)", string: "a string", number: "a number", int: "a whole number", boolean: "true or false" };
  return names[type] ?? `a ${type}`;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return `the string ${JSON.stringify(value)}`;
  return `${typeof value} ${String(value)}`;
}

function unknownFieldMessage(key: Key, known: string[]): string {
  const name = String(key);
  const close = known.find((k) => k.toLowerCase() === name.toLowerCase()) ?? known.find((k) => distance(k.toLowerCase(), name.toLowerCase()) <= 2);
  if (close) return `is not a known field (fix: did you mean "${close}"?)`;
  return `is not a known field (fix: remove it; the fields here are ${known.join(", ")})`;
}

/** Levenshtein distance, for "did you mean". */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}

/** The field names of the object schema at `path` (through optionals, defaults, lists and unions). */
export function fieldsAt(schema: z.ZodType, path: readonly Key[]): string[] {
  let s: z.ZodType | undefined = schema;
  for (const key of path) s = s && child(unwrap(s), key);
  const objects = s ? options(unwrap(s)).filter((o): o is z.ZodObject => o instanceof z.ZodObject) : [];
  return objects.length > 0 ? Object.keys(objects[0]!.shape) : [];
}

function unwrap(s: z.ZodType): z.ZodType {
  while (s instanceof z.ZodOptional || s instanceof z.ZodDefault || s instanceof z.ZodNullable) s = s.unwrap() as z.ZodType;
  return s;
}

function options(s: z.ZodType): z.ZodType[] {
  return s instanceof z.ZodUnion ? (s.options as z.ZodType[]).map(unwrap) : [s];
}

function child(s: z.ZodType, key: Key): z.ZodType | undefined {
  for (const o of options(s)) {
    if (o instanceof z.ZodArray && typeof key === "number") return o.element as z.ZodType;
    if (o instanceof z.ZodObject && typeof key === "string" && key in o.shape) return o.shape[key] as z.ZodType;
  }
  return undefined;
}

function valueAt(value: unknown, path: readonly Key[]): unknown {
  let v = value;
  for (const key of path) v = v !== null && typeof v === "object" ? (v as Record<Key, unknown>)[key] : undefined;
  return v;
}

/**
 * Offset of the node at `path`: its value (or its key, for a field that should not be there), else
 * the nearest enclosing node that exists (a missing field points at the mapping that lacks it).
 */
function offsetOf(doc: Document, path: readonly Key[], at: "key" | "value"): number {
  let node = doc.contents as Node | null;
  let offset = node?.range?.[0] ?? 0;
  for (const [i, key] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === key);
      if (!pair) break;
      const keyNode = pair.key as Node | null;
      const valueNode = pair.value as Node | null;
      const last = i === path.length - 1;
      const target = last && at === "key" ? keyNode : (valueNode ?? keyNode);
      offset = target?.range?.[0] ?? offset;
      node = valueNode;
    } else if (isSeq(node) && typeof key === "number" && node.items[key]) {
      node = node.items[key] as Node;
      offset = node.range?.[0] ?? offset;
    } else break;
  }
  return offset;
}
