/** The committed JSON Schema, the example files that point at it, and settings.removalBudget. */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { JSON_SCHEMA_PATH, loadOrgFile, orgJsonSchemaText, parseOrgFile, removalBudgetOf, removalLimit } from "../../provider";

const REPO = path.resolve(__dirname, "../..");
const EXAMPLES = ["examples/org-from-yaml/org.yaml", "examples/violations/org.yaml"];

describe("schema/org.schema.json", () => {
  it("is what the zod schema generates (run `npm run gen:schema` after changing a schema)", () => {
    expect(readFileSync(path.join(REPO, JSON_SCHEMA_PATH), "utf8")).toBe(orgJsonSchemaText());
  });

  it("describes the file's fields, with defaults optional", () => {
    const schema = JSON.parse(orgJsonSchemaText());
    const user = schema.properties.users.items;
    expect(user.required).toEqual(["email"]);
    expect(user.additionalProperties).toBe(false);
    expect(user.properties.identityType).toMatchObject({ default: "enterpriseID", enum: ["adobeID", "enterpriseID", "federatedID"] });
  });
});

describe.each(EXAMPLES)("%s", (file) => {
  it("loads", () => {
    expect(() => loadOrgFile(path.join(REPO, file))).not.toThrow();
  });

  it("points editors at the committed schema", () => {
    const first = readFileSync(path.join(REPO, file), "utf8").split("\n")[0]!;
    const ref = /^# yaml-language-server: \$schema=(.+)$/.exec(first)?.[1];
    expect(ref).toBeDefined();
    expect(existsSync(path.resolve(REPO, path.dirname(file), ref!))).toBe(true);
  });
});

describe("settings.removalBudget", () => {
  const budget = (value: string) => removalBudgetOf(parseOrgFile(`settings:\n  removalBudget: ${value}\n`).settings);

  it("is a number of users", () => {
    expect(budget("10")).toEqual({ kind: "count", count: 10 });
    expect(removalLimit(budget("10")!, 5000)).toBe(10);
  });

  it("or a share of the org's users, rounded down", () => {
    expect(budget('"5%"')).toEqual({ kind: "percent", percent: 5 });
    expect(removalLimit(budget("2.5%")!, 199)).toBe(4);
  });

  it("is absent unless set", () => {
    expect(removalBudgetOf(parseOrgFile("users: []\n").settings)).toBeUndefined();
  });
});
