/**
 * Reads an `org.yaml`: YAML with positions, then the org-file schema. Every problem (YAML syntax
 * first; the schema only runs on valid YAML) is reported at once, each with its line and column.
 */
import { readFileSync } from "node:fs";
import { isAlias, LineCounter, parseDocument, visit, type Document } from "yaml";
import { formatProblem, problemsOf, type OrgFileProblem } from "./problems";
import { OrgFileSchema, type OrgFile } from "./schema";

export class OrgFileError extends Error {
  override readonly name = "OrgFileError";

  constructor(
    readonly file: string,
    readonly problems: OrgFileProblem[],
  ) {
    const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
    super(`${file} is not a valid org file (${count}):\n${problems.map(formatProblem).join("\n")}`);
  }
}

/**
 * Parses and validates the text of an org file. `fileName` only names the file in messages
 * (default "org.yaml"). Throws OrgFileError.
 */
export function parseOrgFile(text: string, fileName = "org.yaml"): OrgFile {
  const lines = new LineCounter();
  // Plain YAML 1.2 values only: no !!binary, !!set, !!omap or !!timestamp objects (even under %YAML 1.1),
  // which the schema would inspect as mappings. logLevel "error": no warnings on stderr (a mapping used
  // as a key becomes an unknown field).
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, schema: "core", resolveKnownTags: false, logLevel: "error" });
  if (doc.errors.length > 0) {
    throw new OrgFileError(
      fileName,
      doc.errors.map((e) => {
        const { line, col } = lines.linePos(e.pos[0]);
        return { file: fileName, line, column: col, path: "", message: `YAML syntax: ${e.message.split("\n")[0]}` };
      }),
    );
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    // The yaml package throws (instead of reporting) on an alias without its anchor and on alias bombs.
    const { line, col } = lines.linePos(aliasOffset(doc));
    const message = /Unresolved alias/.test(String(err))
      ? "YAML alias: an alias (*name) has no anchor (&name) before it (fix: define the anchor first, or write the value out)"
      : `YAML alias: the aliases expand to too many values (more than ${MAX_ALIAS_COUNT} alias uses; fix: write the values out)`;
    throw new OrgFileError(fileName, [{ file: fileName, line, column: col, path: "", message }]);
  }
  const result = OrgFileSchema.safeParse(value);
  if (result.success) return result.data;
  throw new OrgFileError(fileName, problemsOf(result.error.issues, { file: fileName, doc, lines, value, schema: OrgFileSchema }));
}

const MAX_ALIAS_COUNT = 100;

/** Where the first unresolved alias is, else the first alias, else the start. */
function aliasOffset(doc: Document): number {
  let first: number | undefined;
  let unresolved: number | undefined;
  visit(doc, {
    Alias(_, node) {
      first ??= node.range?.[0];
      if (isAlias(node) && node.resolve(doc) === undefined) {
        unresolved = node.range?.[0];
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return unresolved ?? first ?? 0;
}

export interface LoadOrgFileOptions {
  /** How messages name the file. Default: `path` as given. */
  displayName?: string;
}

/** Reads and validates an org file. Throws OrgFileError for an invalid file, a plain Error when it cannot be read. */
export function loadOrgFile(path: string, options: LoadOrgFileOptions = {}): OrgFile {
  const name = options.displayName ?? path;
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") {
      throw new Error(`Org file ${name} not found. Create it (start from examples/org-from-yaml/org.yaml, or run \`npx umapi-export --out ${name}\` to export the live org), or point the stack config orgFile at another file`);
    }
    throw new Error(`Cannot read org file ${name}: ${(err as Error).message}`);
  }
  return parseOrgFile(text, name);
}
