/**
 * `check`: validates inputs with zod, locally (no network: the engine runs check one resource at a
 * time). Every failure names the property and says how to fix it. Unknown values (preview of
 * outputs not yet computed) are skipped.
 */
import { z } from "zod";
import { UMAPI_LIMITS, UNASSIGNABLE_ADMIN_GROUPS } from "../umapi/limits";
import { ADMIN_ROLES, adminGroupName, type ResourceKind } from "./types";
import { ISO_COUNTRIES } from "./countries";

export interface CheckFailure {
  property: string;
  reason: string;
}

/** Pulumi's marker for a value not known during preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

// The syntax Adobe's client validated against, matching the server (reference §8.2).
const EMAIL = /^[a-zA-Z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-zA-Z0-9!#$%&'*+/=?^_`{|}~-]+)*@[a-zA-Z0-9-]+(\.[a-zA-Z0-9-]+)+$/;

const email = z
  .string({ error: "is required: the user's email address" })
  .max(UMAPI_LIMITS.emailMaxLength, { error: `is longer than UMAPI's ${UMAPI_LIMITS.emailMaxLength}-character limit for emails` })
  .regex(EMAIL, { error: "is not a valid email address (ASCII local part, '@', a dotted domain)" });
const personName = z.string().max(UMAPI_LIMITS.nameMaxLength, { error: `is longer than ${UMAPI_LIMITS.nameMaxLength} characters` });
const country = z
  .string()
  .refine((c) => /^[A-Z]{2}$/.test(c), { error: 'must be an upper-case ISO 3166-1 alpha-2 code such as "US" or "DE"' })
  // Only codes of the right shape are looked up, so a malformed code gets one message.
  .refine((c) => !/^[A-Z]{2}$/.test(c) || ISO_COUNTRIES.has(c), { error: "is not an ISO 3166-1 alpha-2 country code" });
const groupRef = z.string().min(1, { error: "must not be empty" }).max(UMAPI_LIMITS.groupNameMaxLength, { error: "is longer than 255 characters" });
const notUnassignable = (g: string) => !(UNASSIGNABLE_ADMIN_GROUPS as readonly string[]).includes(g.toLowerCase());
const UNASSIGNABLE_REASON = `is an admin role UMAPI cannot assign or remove (${UNASSIGNABLE_ADMIN_GROUPS.join(", ")}): grant it in the Admin Console instead`;
const userRef = z.string().min(1, { error: "is required: the user's email, or a username with userDomain" }).max(UMAPI_LIMITS.stringMaxLength);

const adobeUserFields = {
  identityType: z.enum(["adobeID", "enterpriseID", "federatedID"], { error: 'must be "adobeID", "enterpriseID" or "federatedID"' }),
  email,
  username: z.string().min(1).max(UMAPI_LIMITS.stringMaxLength).optional(),
  domain: z.string().min(1).max(UMAPI_LIMITS.stringMaxLength).optional(),
  firstName: personName.optional(),
  lastName: personName.optional(),
  country: country.optional(),
  groups: z.array(groupRef.refine(notUnassignable, { error: UNASSIGNABLE_REASON })).optional(),
  onDelete: z.enum(["removeFromOrg", "removeMemberships", "deleteAccount"], { error: 'must be "removeFromOrg", "removeMemberships" or "deleteAccount"' }).optional(),
  adopt: z.boolean().optional(),
  allowReplace: z.boolean().optional(),
};

/** Identity-type rules (reference §8.1, §8.3). */
function identityRules(u: z.infer<z.ZodObject<typeof adobeUserFields>>, ctx: z.RefinementCtx): void {
  const fail = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
  if (u.identityType === "federatedID" && !u.country) fail("country", "is required for Federated IDs (UMAPI's createFederatedID needs it); set an ISO code such as \"US\"");
  if (u.identityType !== "adobeID" && !u.firstName) fail("firstName", `is required to create ${u.identityType === "federatedID" ? "a Federated" : "an Enterprise"} ID`);
  if (u.identityType !== "adobeID" && !u.lastName) fail("lastName", `is required to create ${u.identityType === "federatedID" ? "a Federated" : "an Enterprise"} ID`);
  if (u.identityType === "adobeID" && u.username) fail("username", "is not allowed for Adobe IDs: they are identified by email; remove it");
  if (u.identityType === "adobeID" && u.domain) fail("domain", "is not allowed for Adobe IDs; remove it");
  if (u.identityType === "enterpriseID" && u.username && u.username.toLowerCase() !== u.email.toLowerCase()) {
    fail("username", "must equal the email for Enterprise IDs (their username is always the email); remove it");
  }
  if (u.username && !u.username.includes("@") && !u.domain) fail("domain", "is required with a non-email username: set the directory domain, e.g. \"fed.example.com\"");
  if (u.domain && (!u.username || u.username.includes("@"))) fail("domain", "is only used with a non-email username; remove it or set username");
}

export const AdobeUserSchema = z.strictObject(adobeUserFields).superRefine(identityRules);

/** A user of an AdobeUsers set, keyed by its lower-case email. */
const AdobeUsersEntryFields = { ...adobeUserFields, renamedFrom: z.array(email).optional(), protect: z.boolean().optional(), declaredGroups: z.array(groupRef).optional() };
const AdobeUsersEntrySchema = z.strictObject(AdobeUsersEntryFields).superRefine(identityRules);

export const AdobeUsersSchema = z.strictObject({
  users: z.record(z.string(), AdobeUsersEntrySchema).superRefine((users, ctx) => {
    for (const [key, u] of Object.entries(users)) {
      if (key !== u.email.toLowerCase()) ctx.addIssue({ code: "custom", path: [key], message: `is keyed "${key}" but its email is "${u.email}": the key must be the lower-case email` });
    }
  }),
});

export const UserGroupSchema = z.strictObject({
  name: z
    .string({ error: "is required" })
    .min(1, { error: "must not be empty" })
    .max(UMAPI_LIMITS.groupNameMaxLength, { error: "is longer than UMAPI's 255-character limit for user group names" })
    .refine((n) => !n.startsWith("_"), { error: "must not start with \"_\": UMAPI reserves such names for admin groups" }),
  description: z.string().max(UMAPI_LIMITS.stringMaxLength, { error: "is longer than 250 characters" }).optional(),
  adopt: z.boolean().optional(),
  declaredMembers: z.array(z.string()).optional(),
});

export const GroupMembershipSchema = z.strictObject({
  user: userRef,
  userDomain: z.string().min(1).optional(),
  group: groupRef.refine(notUnassignable, { error: UNASSIGNABLE_REASON }),
});

export const GroupMembersSchema = z.strictObject({
  group: groupRef.refine((g) => !g.startsWith("_"), { error: "must be a user group (not an admin group): GroupMembers manages user groups" }),
  users: z.array(userRef).refine((u) => new Set(u.map((x) => x.toLowerCase())).size === u.length, { error: "lists a user twice" }),
});

export const UserGroupProductProfileSchema = z.strictObject({ group: groupRef, productProfile: groupRef });

export const AdminRoleAssignmentSchema = z
  .strictObject({
    user: userRef,
    userDomain: z.string().min(1).optional(),
    role: z.string().refine((r) => (ADMIN_ROLES as readonly string[]).includes(r), {
      error: `must be one of ${ADMIN_ROLES.join(", ")}. System administrator (_org_admin) and the global-admin roles (_compartment_admin, _compartment_viewer) cannot be assigned through UMAPI: use the Admin Console`,
    }),
    target: groupRef.optional(),
  })
  .superRefine((a, ctx) => {
    const needsTarget = ["userGroupAdmin", "productProfileAdmin", "productAdmin", "developer"].includes(a.role);
    if (needsTarget && !a.target) ctx.addIssue({ code: "custom", path: ["target"], message: `is required for role ${a.role}: the user group, product profile or product it administers` });
    if (!needsTarget && a.target) ctx.addIssue({ code: "custom", path: ["target"], message: `is not used by role ${a.role}; remove it` });
    if (needsTarget && a.target && !notUnassignable(adminGroupName(a.role as never, a.target))) ctx.addIssue({ code: "custom", path: ["target"], message: UNASSIGNABLE_REASON });
  });

const SCHEMAS: Record<ResourceKind, z.ZodType> = {
  AdobeUser: AdobeUserSchema,
  AdobeUsers: AdobeUsersSchema,
  UserGroup: UserGroupSchema,
  GroupMembership: GroupMembershipSchema,
  GroupMembers: GroupMembersSchema,
  UserGroupProductProfile: UserGroupProductProfileSchema,
  AdminRoleAssignment: AdminRoleAssignmentSchema,
};

/**
 * The inputs each kind's whole-object rules (identity types, role targets) read: while one of them is
 * unknown (preview), those rules are skipped, since they could fail on a value that is not there yet.
 */
const CROSS_FIELD_INPUTS: Partial<Record<ResourceKind, readonly string[]>> = {
  AdobeUser: ["identityType", "email", "username", "domain", "firstName", "lastName", "country"],
  AdminRoleAssignment: ["role", "target"],
};

/** Validates `news` (without `__provider`); returns the inputs to store and the failures. */
export function checkInputs(kind: ResourceKind, news: Record<string, unknown>): { inputs: Record<string, unknown>; failures: CheckFailure[] } {
  const { __provider, ...inputs } = news;
  void __provider;
  const known = stripUnknowns(inputs);
  const result = schemaFor(kind, known.unknownPaths).safeParse(known.value);
  const failures: CheckFailure[] = [];
  for (const issue of result.success ? [] : result.error.issues) {
    if (issue.code === "unrecognized_keys") {
      // A set's user: its unknown field is named under the user, as an input of AdobeUser.
      const nested = kind === "AdobeUsers" && issue.path.length === 2;
      for (const key of issue.keys) failures.push(nested ? failureOf(kind, [...issue.path.map(String), key], unknownReason("AdobeUser", key, Object.keys(AdobeUsersEntryFields))) : unknownInput(kind, key));
      continue;
    }
    if (issue.path.length > 0 && known.unknownPaths.has(String(issue.path[0]))) continue;
    failures.push(failureOf(kind, issue.path.map(String), issue.message));
  }
  return { inputs, failures };
}

/** A failure naming the property; a user of an AdobeUsers set is named as the AdobeUser it declares. */
function failureOf(kind: ResourceKind, path: string[], message: string): CheckFailure {
  const reason = (text: string) => text.replace(/\s+/g, " ");
  if (kind === "AdobeUsers" && path[0] === "users" && path.length >= 2) {
    const [, key, ...rest] = path;
    const field = rest.map((f) => (/^[A-Za-z_$][\w$-]*$|^\d+$/.test(f) ? f : JSON.stringify(f))).join(".");
    return { property: `users[${JSON.stringify(key)}]${field ? `.${field}` : ""}`, reason: reason(`AdobeUser ${JSON.stringify(key)}${field ? ` ${field}` : ""} ${message}`) };
  }
  const property = path.length > 0 ? path.join(".") : "(resource)";
  return { property, reason: reason(`${kind} ${property} ${message}`) };
}

function schemaFor(kind: ResourceKind, unknownPaths: Set<string>): z.ZodType {
  const schema = SCHEMAS[kind];
  const crossField = CROSS_FIELD_INPUTS[kind] ?? [];
  // The same fields and field rules, without the whole-object rules (zod keeps those as the object's checks).
  if (schema instanceof z.ZodObject && crossField.some((k) => unknownPaths.has(k))) return z.strictObject(schema.shape);
  return schema;
}

/** A failure for an input the kind does not have; a key that is not a plain name is quoted. */
function unknownInput(kind: ResourceKind, key: string): CheckFailure {
  const property = /^[A-Za-z_$][\w$-]*$/.test(key) ? key : JSON.stringify(key);
  return { property, reason: `${kind} ${property} ${unknownReason(kind, key, Object.keys((SCHEMAS[kind] as z.ZodObject).shape))}` };
}

function unknownReason(kind: ResourceKind, key: string, fields: string[]): string {
  const close = fields.find((f) => f.toLowerCase() === key.toLowerCase());
  const fix = close ? `did you mean "${close}"?` : `remove it; the inputs are ${fields.join(", ")}`;
  return `is not an input of ${kind} (fix: ${fix})`;
}

/**
 * Replaces unknown preview values by "skip": they are validated when known, at `up`. Keys are
 * defined as own properties, so an input named "__proto__" stays an (unknown) input instead of
 * becoming the prototype that the schema would read fields from.
 */
function stripUnknowns(inputs: Record<string, unknown>): { value: Record<string, unknown>; unknownPaths: Set<string> } {
  const unknownPaths = new Set<string>();
  const value: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(inputs)) {
    if (containsUnknown(v)) unknownPaths.add(k);
    else Object.defineProperty(value, k, { value: v, enumerable: true, writable: true, configurable: true });
  }
  return { value, unknownPaths };
}

function containsUnknown(v: unknown): boolean {
  if (v === UNKNOWN) return true;
  if (Array.isArray(v)) return v.some(containsUnknown);
  if (v && typeof v === "object") return Object.values(v).some(containsUnknown);
  return false;
}
