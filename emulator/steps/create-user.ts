/**
 * addAdobeID / createEnterpriseID / createFederatedID (reference §4.1, §8.1, §8.2): field rules,
 * identity rules (claimed domain in the right directory), and the `option` for existing users.
 */
import { UMAPI_LIMITS } from "../../provider/umapi/limits";
import { CommandError } from "../errors";
import type { OrgStore, UserRec } from "../store";
import type { UserType } from "../types";
import type { UserCtx } from "./context";
import {
  checkKeys, emailDomain, expectObject, isEmail, optionalString, parseOption, validateCountry, validateEmail,
  type CreateOption,
} from "./validate";

export const CREATE_STEPS: Record<string, UserType> = {
  addAdobeID: "adobeID",
  createEnterpriseID: "enterpriseID",
  createFederatedID: "federatedID",
};

interface CreateFields {
  email: string;
  firstname?: string;
  lastname?: string;
  country?: string;
  option?: CreateOption;
}

type Identity = Pick<UserRec, "email" | "username" | "domain">;

export function createUser(ctx: UserCtx, type: UserType, body: unknown): void {
  const fields = parseCreateFields(body, type);
  const identity = createIdentity(ctx, type, fields.email);
  const existing = findExisting(ctx.store, type, identity);
  if (existing) {
    if (!fields.option) throw new CommandError("error.user.already_in_org", `User already in organization: ${ctx.key}`);
    ctx.user = existing;
    if (fields.option === "updateIfAlreadyExists" && existing.type !== "adobeID" && !ctx.testOnly) {
      ctx.store.setNames(existing, fields);
    }
    return;
  }
  if (ctx.testOnly) return;
  const { firstname, lastname, country } = fields;
  ctx.user = ctx.store.addUser({ ...identity, type, firstname, lastname, country });
}

function parseCreateFields(body: unknown, type: UserType): CreateFields {
  const obj = expectObject(body, "error.command.create.object_expected", "A create step needs a JSON object");
  checkKeys(obj, ["email", "firstname", "lastname", "country", "option"], "error.command.create.key.unknown", "create step");
  const email = optionalString(obj, "email", Number.MAX_SAFE_INTEGER);
  if (email === undefined) throw new CommandError("error.user.email.invalid", "A create step needs an email");
  validateEmail(email);
  const firstname = optionalString(obj, "firstname", UMAPI_LIMITS.nameMaxLength);
  const lastname = optionalString(obj, "lastname", UMAPI_LIMITS.nameMaxLength);
  const country = optionalString(obj, "country", Number.MAX_SAFE_INTEGER);
  if (type !== "adobeID" && !firstname) throw new CommandError("error.user.firstname_missing", `First name is required for ${type}`);
  if (type !== "adobeID" && !lastname) throw new CommandError("error.user.lastname_missing", `Last name is required for ${type}`);
  if (country !== undefined) validateCountry(country);
  if (type === "federatedID" && country === undefined) {
    throw new CommandError("error.country.invalid", "Country is required to create a Federated ID");
  }
  return { email, firstname, lastname, country, option: parseOption(obj) };
}

/** Username and domain of the new user; the domain must be claimed in the type's directory. */
function createIdentity(ctx: UserCtx, type: UserType, email: string): Identity {
  const nonEmailUsername = type === "federatedID" && !isEmail(ctx.key);
  if (!nonEmailUsername && ctx.key.toLowerCase() !== email.toLowerCase()) {
    throw new CommandError("error.user.must_match_email", `User name ${ctx.key} must match the email ${email}`);
  }
  const identity = nonEmailUsername
    ? { email, username: ctx.key, domain: ctx.domain ?? emailDomain(email) }
    : { email, username: email, domain: emailDomain(email) };
  if (type !== "adobeID") checkDirectory(ctx.store, type, identity.domain);
  return identity;
}

function checkDirectory(store: OrgStore, type: UserType, domain: string): void {
  const directory = store.directoryOf(domain);
  if (!directory) throw new CommandError("error.domain.trust.nonexistent", "Changes to users are only allowed in claimed domains.");
  if (directory !== type) {
    throw new CommandError("error.user.type_mismatch", `Cannot create a ${type} user in domain ${domain}, which belongs to a ${directory} directory`);
  }
}

/** The user this create step is about; an email held by a different org user is a conflict. */
function findExisting(store: OrgStore, type: UserType, identity: Identity): UserRec | undefined {
  if (type === "adobeID") return store.find.adobeUser(identity.email);
  const byUsername = store.find.byUsername(identity.username, identity.domain);
  const byEmail = store.find.orgUser(identity.email);
  if (byEmail && byUsername !== byEmail) {
    throw new CommandError("error.user.email.name_in_use", `Email ${identity.email} is already used by another user`);
  }
  return byUsername;
}
