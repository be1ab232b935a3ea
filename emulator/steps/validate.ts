/** Field validation shared by the action steps (reference §4.1 field rules, §4.4 limits, §5 codes). */
import { UMAPI_LIMITS } from "../../provider/umapi/limits";
import { isAllowedCountry } from "../countries";
import { CommandError } from "../errors";

export type Json = Record<string, unknown>;

// Adobe's own client mirrors the server's email syntax (reference §8.2): ASCII atoms, dotted domain.
const ATOM = "[a-zA-Z0-9!#$%&'*+/=?^_`{|}~-]+";
const EMAIL_RE = new RegExp(`^${ATOM}(\\.${ATOM})*@[a-zA-Z0-9-]+(\\.[a-zA-Z0-9-]+)+$`);

export const isEmail = (s: string) => s.includes("@");
export const emailDomain = (email: string) => email.slice(email.lastIndexOf("@") + 1);

export function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function expectObject(value: unknown, code: string, message: string): Json {
  if (!isObject(value)) throw new CommandError(code, message);
  return value;
}

export function checkKeys(obj: Json, allowed: readonly string[], code: string, what: string): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) throw new CommandError(code, `Unknown key in ${what}: ${key}`);
  }
}

/** An optional string field of at most `max` characters. */
export function optionalString(obj: Json, key: string, max: number): string | undefined {
  const value = obj[key];
  if (value === undefined) return undefined;
  if (typeof value !== "string") {
    throw new CommandError("error.command.create.string_expected", `Field ${key} must be a string`);
  }
  if (value.length > max) {
    throw new CommandError("error.command.string.too_long", `String too long in command for field: ${key}, max length ${max}`);
  }
  return value;
}

export function validateEmail(email: string): void {
  if (email.length > UMAPI_LIMITS.emailMaxLength || !EMAIL_RE.test(email)) {
    throw new CommandError("error.user.email.invalid", `Invalid email address: ${email}`);
  }
}

export function validateCountry(country: string): void {
  if (country.length > 2) {
    throw new CommandError("error.command.string.too_long", "String too long in command for field: country, max length 2");
  }
  if (!isAllowedCountry(country)) throw new CommandError("error.country.invalid", `Invalid country code: ${country}`);
}

export type CreateOption = "ignoreIfAlreadyExists" | "updateIfAlreadyExists";

export function parseOption(obj: Json): CreateOption | undefined {
  const option = obj.option;
  if (option === undefined) return undefined;
  if (option === "ignoreIfAlreadyExists" || option === "updateIfAlreadyExists") return option;
  throw new CommandError("error.option.illegal", `Illegal option value: ${String(option)}`);
}

const isNonEmptyString = (v: unknown): v is string => typeof v === "string" && v !== "";

/** An optional add/remove list: a non-empty JSON array of strings of at most `max` entries. */
export function stringList(obj: Json, key: string, max: number): string[] | undefined {
  const value = obj[key];
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw new CommandError("error.command.add_remove.list_not_array", `The ${key} list must be a JSON array`);
  if (value.length === 0 || !value.every(isNonEmptyString)) {
    throw new CommandError("error.group.invalid_list", `The ${key} list is empty or contains an invalid entry`);
  }
  if (value.length > max) {
    throw new CommandError("error.command.add_remove.list_too_long", `Too many products, users or groups in Add or Remove: max is ${max}`);
  }
  return [...new Set(value)];
}

/** User group names: not empty, no leading `_` (reserved for admin groups), at most 255 characters. */
export function validateGroupName(name: string): void {
  if (name.trim() === "") throw new CommandError("error.command.illegal_entry", "User group name must not be empty");
  if (name.startsWith("_")) {
    throw new CommandError("error.command.illegal_entry", `User group name must not start with '_': ${name}`);
  }
  if (name.length > UMAPI_LIMITS.groupNameMaxLength) {
    throw new CommandError(
      "error.command.string.too_long",
      `String too long in command for field: name, max length ${UMAPI_LIMITS.groupNameMaxLength}`,
    );
  }
}
