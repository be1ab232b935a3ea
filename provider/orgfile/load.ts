/**
 * Reads an `org.yaml`: YAML with positions, then the org-file schema. Every problem (YAML syntax
 * first; the schema only runs on valid YAML) is reported at once, each with its line and column.
 */
import { readFileSync } from "node:fs";
import { LineCounter, parseDocument } from "yaml";
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
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new OrgFileError(
      fileName,
      doc.errors.map((e) => {
        const { line, col } = lines.linePos(e.pos[0]);
        return { file: fileName, line, column: col, path: "", message: `YAML syntax: ${e.message.split("\n")[0]}` };
      }),
    );
  }
  const value: unknown = doc.toJS({ maxAliasCount: 100 });
  const result = OrgFileSchema.safeParse(value);
  if (result.success) return result.data;
  throw new OrgFileError(fileName, problemsOf(result.error.issues, { file: fileName, doc, lines, value, schema: OrgFileSchema }));
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
