/**
 * Writes schema/org.schema.json, the JSON Schema of org.yaml, from the zod schema.
 * Usage: node dist/scripts/gen-schema.js [--check]   (--check: exit 1 if the file is out of date)
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { JSON_SCHEMA_PATH, orgJsonSchemaText } from "../provider/orgfile/jsonSchema";

const ROOT = path.resolve(__dirname, "../..");
const file = path.join(ROOT, JSON_SCHEMA_PATH);
const text = orgJsonSchemaText();

if (process.argv.includes("--check")) {
  let current = "";
  try {
    current = readFileSync(file, "utf8");
  } catch {
    /* missing: out of date */
  }
  if (current !== text) {
    process.stderr.write(`${JSON_SCHEMA_PATH} is out of date: run npm run gen:schema\n`);
    process.exit(1);
  }
} else {
  writeFileSync(file, text);
  process.stdout.write(`wrote ${JSON_SCHEMA_PATH}\n`);
}
