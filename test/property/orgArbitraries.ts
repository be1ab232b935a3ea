/** fast-check generators for org files: org-like objects rendered as YAML, YAML-ish garbage, and edited examples. */
import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { stringify } from "yaml";
import { anyString, email, FIELDS, groupName, looseRecord, role } from "./arbitraries";

const REPO = path.resolve(__dirname, "../..");

const adminRole = fc.oneof(role, looseRecord({ role, target: groupName }));

export const orgUser = looseRecord({
  ...FIELDS.AdobeUser,
  adminRoles: fc.array(adminRole, { maxLength: 3 }),
  protect: fc.boolean(),
});

export const orgUserGroup = looseRecord({
  name: groupName,
  description: anyString,
  productProfiles: fc.array(groupName, { maxLength: 3 }),
  admins: fc.array(email, { maxLength: 3 }),
  members: fc.array(email, { maxLength: 3 }),
  adopt: fc.boolean(),
});

export const orgObject = looseRecord({
  settings: looseRecord({ adopt: fc.boolean(), removalBudget: fc.oneof(fc.integer({ min: -2, max: 50 }), fc.constantFrom("5%", "2.5%", "100%", "150%", "5", "%", 2.5)) }),
  users: fc.array(orgUser, { maxLength: 4 }),
  userGroups: fc.array(orgUserGroup, { maxLength: 3 }),
});

/** An org-like object as YAML text: block style, flow style, double-quoted strings, or JSON. */
export const orgYaml = fc.tuple(orgObject, fc.constantFrom("block", "flow", "quoted", "json")).map(([org, style]) => {
  switch (style) {
    case "json":
      return JSON.stringify(org, null, 1);
    case "flow":
      return stringify(org, { collectionStyle: "flow" });
    case "quoted":
      return stringify(org, { defaultStringType: "QUOTE_DOUBLE", defaultKeyType: "PLAIN" });
    default:
      return stringify(org);
  }
});

const TOKENS = [
  "users:", "userGroups:", "settings:", "removalBudget: ", "email: a@b.co", "name: x", "- ", "  ", "\n", "\n  ", "{", "}", "[", "]", ",", ":", ": ",
  "&a ", "*a", "*b", "&b ", "<<: *a", "!!str ", "!!binary ", "!!map ", "!custom ", "? ", "|", ">-", "---", "...", "%YAML 1.2\n", "%TAG ! tag:x,2000:\n",
  "# c", '"', "'", "\t", "~", "null", "0x1F", "1e400", ".nan", "\\u0000", "\ufeff", "😀", "é",
];

/** Strings made of YAML's own syntax, in any order. */
export const yamlSoup = fc.array(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...TOKENS) }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) }), { maxLength: 40 }).map((t) => t.join(""));

/** Any string at all. */
export const garbage = fc.oneof(fc.string({ unit: "binary", maxLength: 200 }), fc.string({ unit: "grapheme", maxLength: 200 }), yamlSoup);

const EXAMPLES = ["examples/org-from-yaml/org.yaml", "examples/violations/org.yaml"].map((f) => readFileSync(path.join(REPO, f), "utf8"));

const edit = fc.oneof(
  fc.record({ op: fc.constant("delete" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ op: fc.constant("insert" as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 4 })) }),
  fc.record({ op: fc.constant("swapLines" as const), at: fc.nat(), with: fc.nat() }),
);

/** One of the examples with a few random edits (deletions, insertions of YAML syntax, swapped lines). */
export const editedExample = fc.tuple(fc.constantFrom(...EXAMPLES), fc.array(edit, { minLength: 1, maxLength: 4 })).map(([text, edits]) =>
  edits.reduce((t, e) => {
    if (e.op === "swapLines") {
      const lines = t.split("\n");
      const [i, j] = [e.at % lines.length, e.with % lines.length];
      [lines[i], lines[j]] = [lines[j]!, lines[i]!];
      return lines.join("\n");
    }
    const at = e.at % (t.length + 1);
    return e.op === "delete" ? t.slice(0, at) + t.slice(at + e.length) : t.slice(0, at) + e.text + t.slice(at);
  }, text),
);

