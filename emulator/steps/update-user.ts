/**
 * The `update` step (reference §4.1, §8.2, §8.3): not for Adobe IDs; country is never updatable; an
 * email may move only within claimed domains of the user's directory and never changes only case.
 */
import { UMAPI_LIMITS } from "../../provider/umapi/limits";
import { CommandError } from "../errors";
import type { OrgStore, UserRec } from "../store";
import { requireUser, type UserCtx } from "./context";
import { checkKeys, emailDomain, expectObject, optionalString, validateEmail } from "./validate";

type Identity = Pick<UserRec, "email" | "username" | "domain">;

export function updateUser(ctx: UserCtx, body: unknown): void {
  const obj = expectObject(body, "error.command.create.object_expected", "The update step needs a JSON object");
  if ("option" in obj) throw new CommandError("error.command.update.option.no", "option is only allowed in create steps");
  if ("country" in obj) throw new CommandError("error.update.country.no_update", "Country cannot be updated");
  checkKeys(obj, ["email", "firstname", "lastname", "username"], "error.command.create.key.unknown", "update step");
  const email = optionalString(obj, "email", Number.MAX_SAFE_INTEGER);
  if (email !== undefined) validateEmail(email);
  const firstname = optionalString(obj, "firstname", UMAPI_LIMITS.nameMaxLength);
  const lastname = optionalString(obj, "lastname", UMAPI_LIMITS.nameMaxLength);
  const username = optionalString(obj, "username", UMAPI_LIMITS.stringMaxLength);
  const user = requireUser(ctx);
  if (!user) return;
  if (user.type === "adobeID") throw new CommandError("error.update.adobeid.no", `An Adobe ID cannot be updated: ${user.email}`);
  const identity = withUsername(ctx.store, user, withEmail(ctx.store, user, email), username);
  if (ctx.testOnly) return;
  if (identity.email !== user.email || identity.username !== user.username || identity.domain !== user.domain) {
    ctx.store.setIdentity(user, identity);
  }
  ctx.store.setNames(user, { firstname, lastname });
}

function withEmail(store: OrgStore, user: UserRec, email: string | undefined): Identity {
  const current = { email: user.email, username: user.username, domain: user.domain };
  if (email === undefined || email === user.email) return current;
  if (email.toLowerCase() === user.email.toLowerCase()) {
    throw new CommandError("error.update.no", `The letter case of an email cannot be changed: ${user.email}`);
  }
  const domain = emailDomain(email);
  if (store.directoryOf(domain) !== user.type) {
    throw new CommandError("error.user.change_domain_update.no", `Cannot move ${user.email} to domain ${domain}: it is not a claimed domain of the user's directory`);
  }
  const other = store.find.orgUser(email);
  if (other && other !== user) throw new CommandError("error.user.email.name_in_use", `Email ${email} is already used by another user`);
  // With email-based login the username follows the email (reference §8.2).
  const emailLogin = user.username.toLowerCase() === user.email.toLowerCase();
  return emailLogin ? { email, username: email, domain } : { ...current, email };
}

function withUsername(store: OrgStore, user: UserRec, identity: Identity, username: string | undefined): Identity {
  if (username === undefined || username === identity.username) return identity;
  if (user.type === "enterpriseID") {
    if (username.toLowerCase() === identity.email.toLowerCase()) return identity;
    throw new CommandError("error.update.username.no", "The username of an Enterprise ID is its email and cannot be updated");
  }
  if (username.trim() === "") throw new CommandError("error.user.name.invalid", "Username must not be empty");
  const other = store.find.byUsername(username, identity.domain);
  if (other && other !== user) throw new CommandError("error.user.name_in_use", `Username ${username} is already in use`);
  return { ...identity, username };
}
