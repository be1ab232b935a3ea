/** The JSON Schema of org.yaml, generated from the zod schema (editors validate and complete with it). */
import { z } from "zod";
import { OrgFileSchema } from "./schema";

/** Where the generated schema is committed, relative to the package root. */
export const JSON_SCHEMA_PATH = "schema/org.schema.json";

/** The schema of what a file may contain (defaults are optional there), as stable, committed text. */
export function orgJsonSchemaText(): string {
  const schema = z.toJSONSchema(OrgFileSchema, { io: "input", target: "draft-7" });
  return JSON.stringify(schema, null, 2) + "\n";
}
