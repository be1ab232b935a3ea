/**
 * fast-check generators for the property tests: values that are almost right (the fields' own
 * domains) mixed with hostile ones (wrong types, huge and unicode strings, nested lists, prototype
 * keys, Pulumi's unknown sentinel).
 */
import fc from "fast-check";
import { UNKNOWN } from "../../provider/resources/validation";
import { ISO_COUNTRIES } from "../../provider/resources/countries";
import { ADMIN_ROLES, RESOURCE_TYPES, type ResourceKind } from "../../provider/resources/types";

export { RESOURCE_TYPES, UNKNOWN, type ResourceKind };

/** Keys an object should never be trusted with, and near misses of real field names. */
export const HOSTILE_KEYS = ["__proto__", "constructor", "prototype", "toString", "", " ", "a.b", "users[0]", "Email", "first_name", "ÉMAIL", "😀"];

const huge = fc.integer({ min: 240, max: 4_000 }).chain((n) => fc.constantFrom("a", "é", "😀", "_", "@", " ").map((c) => c.repeat(n)));

/** A string from everywhere: ASCII, any code point, lone surrogates, control characters, huge. */
export const anyString = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.string({ unit: "binary", maxLength: 20 }),
  fc.constantFrom("", " ", "\n", "\u0000", "\ud800", "_org_admin", "_ADMIN_x", "null", "true", "0", "-1", "1e400", UNKNOWN),
  huge,
);

/** Any JSON-like value, nested a few levels, sometimes holding the unknown sentinel. */
export const anyValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    anyString,
    fc.constant(UNKNOWN),
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.double(),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom(...HOSTILE_KEYS)), tie("value"), { maxKeys: 3 }),
  ),
})).value;

export const email: fc.Arbitrary<unknown> = fc.oneof(
  fc.emailAddress(),
  fc.emailAddress().map((e) => e.toUpperCase()),
  fc.constantFrom("alice@example.com", "a@b", "@example.com", "alice@", "al ice@example.com", "ålice@example.com", `${"x".repeat(55)}@example.com`),
  anyString,
);
const country = fc.oneof(fc.constantFrom("US", "DE", "us", "XX", "USA", ""), anyString);
export const groupName = fc.oneof(fc.constantFrom("Design Team", "Photoshop Users", "_org_admin", "_admin_Design", "_compartment_admin", "", "x".repeat(256)), anyString);
const groupList = fc.oneof(fc.array(groupName, { maxLength: 4 }), fc.constant(["Design", "design"]));
export const role = fc.oneof(fc.constantFrom(...ADMIN_ROLES), fc.constantFrom("orgAdmin", "_org_admin", "SupportAdmin"), anyString);
const bool = fc.boolean();

/** Each kind's fields with values near their domain. */
export const FIELDS = {
  AdobeUser: {
    identityType: fc.constantFrom("adobeID", "enterpriseID", "federatedID", "federatedid", "AdobeID", ""),
    email,
    username: fc.oneof(email, fc.constantFrom("ddiaz", "x")),
    domain: fc.constantFrom("fed.example.com", "example.com", ""),
    firstName: fc.oneof(fc.constantFrom("Alice", "Ünal", "李"), anyString),
    lastName: fc.oneof(fc.constantFrom("Anders", "O'Brien"), anyString),
    country,
    groups: groupList,
    onDelete: fc.constantFrom("removeFromOrg", "removeMemberships", "deleteAccount", "delete"),
    adopt: bool,
    allowReplace: bool,
  },
  UserGroup: { name: groupName, description: anyString, adopt: bool, declaredMembers: fc.array(email, { maxLength: 3 }) },
  GroupMembership: { user: email, userDomain: fc.constantFrom("fed.example.com", ""), group: groupName },
  GroupMembers: { group: groupName, users: fc.oneof(fc.array(email, { maxLength: 5 }), fc.constant(["a@x.com", "A@x.com"])) },
  UserGroupProductProfile: { group: groupName, productProfile: groupName },
  AdminRoleAssignment: { user: email, userDomain: fc.constantFrom("fed.example.com", ""), role, target: groupName },
} as Record<ResourceKind, Record<string, fc.Arbitrary<unknown>>>;

// A set's users: loose AdobeUser records, keyed by their email (or by anything).
FIELDS.AdobeUsers = {
  users: fc.dictionary(fc.oneof(fc.emailAddress(), fc.constantFrom(...HOSTILE_KEYS)), looseRecord({ ...FIELDS.AdobeUser, renamedFrom: fc.array(email, { maxLength: 2 }), protect: bool, declaredGroups: groupList }), { maxKeys: 3 }),
};

/**
 * Fields each kind documents as required, always or under an identity or role rule: a failure may
 * name one of them although the input lacks it.
 */
export const REQUIRED: Record<ResourceKind, string[]> = {
  AdobeUser: ["identityType", "email", "firstName", "lastName", "country", "domain"],
  AdobeUsers: ["users"],
  UserGroup: ["name"],
  GroupMembership: ["user", "group"],
  GroupMembers: ["group", "users"],
  UserGroupProductProfile: ["group", "productProfile"],
  AdminRoleAssignment: ["user", "role", "target"],
};

/** `fields` with any subset of keys, each value near its domain or hostile, sometimes with stray keys. */
export function looseRecord(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<Record<string, unknown>> {
  const known = fc.record(
    Object.fromEntries(Object.entries(fields).map(([k, arb]) => [k, fc.oneof({ weight: 4, arbitrary: arb }, { weight: 1, arbitrary: anyValue })])),
    { requiredKeys: [] },
  );
  const stray = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...HOSTILE_KEYS), fc.string({ maxLength: 8 })), anyValue), { minLength: 1, maxLength: 2 });
  // Object.fromEntries defines keys such as "__proto__" as own properties, as deserialized inputs have them.
  return fc.tuple(known, fc.oneof({ weight: 4, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: stray })).map(([k, s]) => Object.fromEntries([...Object.entries(k), ...s]));
}

/** A resource's `news`: a loose record of its fields, sometimes with the serialized `__provider`. */
export function inputsOf(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<Record<string, unknown>> {
  return fc.tuple(looseRecord(fields), fc.boolean()).map(([news, withProvider]) => (withProvider ? { ...news, __provider: "serialized-provider" } : news));
}

/** Every key path of `value` as checkInputs writes them (`groups.3`). */
export function keyPaths(value: unknown): Set<string> {
  const out = new Set<string>();
  const walk = (v: unknown, prefix: string, depth: number) => {
    if (depth > 12 || v === null || typeof v !== "object") return;
    for (const [k, x] of Object.entries(v)) {
      const p = prefix ? `${prefix}.${k}` : k;
      out.add(p);
      walk(x, p, depth + 1);
    }
  };
  walk(value, "", 0);
  return out;
}

// Valid inputs: every field inside its documented domain, every identity and role rule respected.
const validEmail = fc
  .tuple(fc.stringMatching(/^[a-zA-Z0-9_+-]{1,12}(\.[a-z0-9]{1,6})?$/), fc.stringMatching(/^[a-z0-9-]{1,12}\.[a-z]{2,6}$/))
  .map(([local, domain]) => `${local}@${domain}`);
const text = (min: number, max: number) => fc.string({ unit: "grapheme", minLength: min, maxLength: max });
const validCountry = fc.constantFrom(...ISO_COUNTRIES);
const UNASSIGNABLE = ["_org_admin", "_compartment_admin", "_compartment_viewer"];
const validGroupRef = text(1, 60).filter((g) => !UNASSIGNABLE.includes(g.toLowerCase()));
const validGroupName = text(1, 60).filter((g) => !g.startsWith("_"));
const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const defined = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

const commonUser = { groups: opt(fc.array(validGroupRef, { maxLength: 3 })), onDelete: opt(fc.constantFrom("removeFromOrg", "removeMemberships", "deleteAccount")), adopt: opt(fc.boolean()) };
const validUser = fc.oneof(
  fc.record({ identityType: fc.constant("adobeID"), email: validEmail, firstName: opt(text(0, 20)), lastName: opt(text(0, 20)), country: opt(validCountry), ...commonUser }),
  fc
    .record({ identityType: fc.constant("enterpriseID"), email: validEmail, firstName: text(1, 20), lastName: text(1, 20), country: opt(validCountry), withUsername: fc.boolean(), ...commonUser })
    .map(({ withUsername, ...u }) => (withUsername ? { ...u, username: u.email.toUpperCase() } : u)),
  fc
    .record({
      identityType: fc.constant("federatedID"),
      email: validEmail,
      firstName: text(1, 20),
      lastName: text(1, 20),
      country: validCountry,
      login: fc.oneof(fc.constant(undefined), validEmail.map((username) => ({ username })), fc.tuple(fc.stringMatching(/^[a-z][a-z0-9.]{0,10}$/), fc.constantFrom("fed.example.com", "corp")).map(([username, domain]) => ({ username, domain }))),
      ...commonUser,
    })
    .map(({ login, ...u }) => ({ ...u, ...login })),
);

const needsTarget = ["userGroupAdmin", "productProfileAdmin", "productAdmin", "developer"];

/** For each kind, inputs that pass `check`. */
export const VALID: Record<ResourceKind, fc.Arbitrary<Record<string, unknown>>> = {
  AdobeUser: validUser.map(defined),
  AdobeUsers: fc
    .uniqueArray(validUser.map(defined), { maxLength: 4, selector: (u) => String(u.email).toLowerCase() })
    .map((users) => ({ users: Object.fromEntries(users.map((u) => [String(u.email).toLowerCase(), u])) })),
  UserGroup: fc.record({ name: validGroupName, description: opt(text(0, 80)), adopt: opt(fc.boolean()) }).map(defined),
  GroupMembership: fc.record({ user: text(1, 40), userDomain: opt(text(1, 20)), group: validGroupRef }).map(defined),
  GroupMembers: fc.record({ group: validGroupName, users: fc.uniqueArray(text(1, 40), { maxLength: 6, selector: (u) => u.toLowerCase() }) }),
  UserGroupProductProfile: fc.record({ group: text(1, 60), productProfile: text(1, 60) }),
  AdminRoleAssignment: fc
    .record({ user: text(1, 40), userDomain: opt(text(1, 20)), role: fc.constantFrom(...ADMIN_ROLES), target: text(1, 60) })
    .map(({ target, ...a }) => defined({ ...a, target: needsTarget.includes(a.role) ? target : undefined })),
};

/** `inputs` with some of its fields unknown (the whole value, or inside its list or object). */
export function withUnknowns(inputs: Record<string, unknown>): fc.Arbitrary<{ inputs: Record<string, unknown>; unknown: string[] }> {
  const keys = Object.keys(inputs);
  return fc.subarray(keys, { minLength: 1 }).map((unknown) => ({
    unknown,
    inputs: Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, unknown.includes(k) ? (Array.isArray(v) && v.length > 0 ? [...v.slice(1), UNKNOWN] : UNKNOWN) : v])),
  }));
}
