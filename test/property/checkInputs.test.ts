/**
 * `check` under generated inputs, for every resource kind: it never throws, every failure names a
 * field the input has (or one the kind documents as required) and never one whose value is unknown,
 * valid inputs pass, and valid inputs with unknown fields pass at preview.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkInputs } from "../../provider/resources/validation";
import { FIELDS, inputsOf, keyPaths, REQUIRED, RESOURCE_TYPES, UNKNOWN, VALID, withUnknowns, type ResourceKind } from "./arbitraries";

const holdsUnknown = (v: unknown): boolean => v === UNKNOWN || (v !== null && typeof v === "object" && Object.values(v).some(holdsUnknown));

/** Why `failures` of `check(kind, news)` break the contract, if they do. */
function contractBreaks(kind: ResourceKind, news: Record<string, unknown>): string[] {
  const { __provider, ...given } = news;
  void __provider;
  const { inputs, failures } = checkInputs(kind, news);
  const out: string[] = [];
  if (!isEqualOwn(inputs, given)) out.push("inputs are not the news without __provider");
  const paths = keyPaths(given);
  for (const raw of failures) {
    const f = kind === "AdobeUsers" ? asPath(raw, given) : raw;
    if (typeof f === "string") {
      out.push(f);
      continue;
    }
    const key = quotedKey(f.property);
    const top = key ?? f.property.split(".")[0]!;
    const named =
      (key !== undefined && Object.hasOwn(given, key)) ||
      Object.hasOwn(given, f.property) ||
      paths.has(f.property) ||
      (REQUIRED[kind].includes(f.property) && !Object.hasOwn(given, f.property));
    if (!f.property || !named) out.push(`property ${JSON.stringify(f.property)} is not a field of the input`);
    if (!f.reason.startsWith(`${kind} ${f.property} `)) out.push(`reason does not name ${f.property}: ${f.reason}`);
    if (Object.hasOwn(given, top) && holdsUnknown(given[top])) out.push(`fails unknown ${top}`);
  }
  return out;
}

/**
 * A set's failure names the user as the AdobeUser it declares: `users["a@x.com"].firstName`, with a
 * reason that starts `AdobeUser "a@x.com" firstName`. As a key path (`users.a@x.com.firstName`), it
 * must name a field of the input, or a field AdobeUser requires that the user lacks.
 */
function asPath(f: { property: string; reason: string }, given: Record<string, unknown>): { property: string; reason: string } | string {
  const m = /^users\[("(?:[^"\\]|\\.)*")\](?:\.(.+))?$/.exec(f.property);
  if (!m) return f;
  const key = JSON.parse(m[1]!) as string;
  const field = m[2];
  const unquoted = field?.startsWith('"') ? (JSON.parse(field) as string) : field;
  if (!f.reason.startsWith(`AdobeUser ${JSON.stringify(key)}${field ? ` ${field}` : ""} `)) return `reason does not name ${f.property}: ${f.reason}`;
  const user = (given.users as Record<string, Record<string, unknown>> | undefined)?.[key];
  const top = field?.split(".")[0];
  if (user && top && REQUIRED.AdobeUser.includes(top) && !Object.hasOwn(user, top)) return { property: "users", reason: `AdobeUsers users ${f.reason}` };
  const path = `users.${key}${unquoted !== undefined ? `.${unquoted}` : ""}`;
  return { property: path, reason: `AdobeUsers ${path} ${f.reason}` };
}

/** The key a quoted property (`"a.b"`, for a key that is not a plain name) stands for. */
function quotedKey(property: string): string | undefined {
  if (!property.startsWith('"')) return undefined;
  try {
    return JSON.parse(property) as string;
  } catch {
    return undefined;
  }
}

/** Same own keys (including "__proto__") and identical values. */
function isEqualOwn(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && Object.is(a[k], b[k]));
}

describe.each(RESOURCE_TYPES)("check %s", (kind) => {
  it("on near-valid and hostile inputs: never throws, and every failure names a field of the input", () => {
    fc.assert(
      fc.property(inputsOf(FIELDS[kind]), (news) => {
        expect(contractBreaks(kind, news)).toEqual([]);
      }),
      { numRuns: 1_000 },
    );
  });

  it("accepts valid inputs", () => {
    fc.assert(
      fc.property(VALID[kind], (news) => {
        expect(checkInputs(kind, news).failures).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it("accepts valid inputs at preview, whichever of them are unknown", () => {
    fc.assert(
      fc.property(
        VALID[kind].chain((v) => withUnknowns(v)),
        ({ inputs }) => {
          expect(checkInputs(kind, inputs).failures).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("inputs that must be refused, whatever else they hold", () => {
  it("a key that is not an input, even __proto__, is named on its own", () => {
    fc.assert(
      fc.property(VALID.UserGroup, fc.constantFrom("__proto__", "constructor", "a.b", "Name"), fc.constantFrom<unknown>({ name: "Injected" }, 5, null, ["x"]), (group, key, value) => {
        const news = Object.fromEntries([...Object.entries(group), [key, value]]);
        expect(checkInputs("UserGroup", news).failures.map((f) => f.property)).toEqual([key === "a.b" ? '"a.b"' : key]);
      }),
      { numRuns: 100 },
    );
  });
});
