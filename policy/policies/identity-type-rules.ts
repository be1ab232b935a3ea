import type { ResourceValidationPolicy } from "@pulumi/policy";
import type { AdobeUserArgs } from "../../provider/resources/types";
import { knownString, remediateKind, validateKind } from "../lib/resources";

const ALPHA2 = /^[A-Z]{2}$/;
const LOWER_OR_MIXED_ALPHA2 = /^[A-Za-z]{2}$/;

const isSet = (v: string | undefined): v is string => typeof v === "string" && v !== "";
const isEmailShaped = (v: string) => v.includes("@");

/** Each rule returns the violation message for a user, or undefined when the user complies. */
type Rule = (user: AdobeUserArgs) => string | undefined;

const federatedNeedsCountry: Rule = (u) =>
  u.identityType === "federatedID" && !isSet(u.country)
    ? `The federatedID user "${u.email}" has no country: Federated IDs need one, and it cannot be changed after creation. Set country to the user's ISO 3166-1 alpha-2 code, e.g. "US".`
    : undefined;

const adobeIdHasNoUsername: Rule = (u) =>
  u.identityType === "adobeID" && isSet(u.username)
    ? `The adobeID user "${u.email}" sets username "${u.username}": Adobe IDs are identified by email only. Remove username.`
    : undefined;

const adobeIdHasNoDomain: Rule = (u) =>
  u.identityType === "adobeID" && isSet(u.domain)
    ? `The adobeID user "${u.email}" sets domain "${u.domain}": Adobe IDs are identified by email only. Remove domain.`
    : undefined;

const nonEmailUsernameNeedsDomain: Rule = (u) => {
  if (u.identityType === "adobeID" || !isSet(u.username) || isEmailShaped(u.username) || isSet(u.domain)) return undefined;
  const emailDomain = typeof u.email === "string" && u.email.includes("@") ? u.email.slice(u.email.lastIndexOf("@") + 1) : undefined;
  const hint = emailDomain ? `, probably "${emailDomain}"` : "";
  return `The user "${u.email}" has the non-email username "${u.username}" but no domain: UMAPI identifies such users by username and domain. Set domain to the directory domain${hint}.`;
};

const domainOnlyWithNonEmailUsername: Rule = (u) =>
  u.identityType !== "adobeID" && isSet(u.domain) && !(isSet(u.username) && !isEmailShaped(u.username))
    ? `The user "${u.email}" sets domain "${u.domain}" without a non-email username: UMAPI rejects domain for users identified by email. Remove domain, or set username to the non-email login name.`
    : undefined;

const countryIsAlpha2: Rule = (u) => {
  if (!isSet(u.country) || ALPHA2.test(u.country)) return undefined;
  return LOWER_OR_MIXED_ALPHA2.test(u.country)
    ? `The country "${u.country}" of "${u.email}" must be an upper-case ISO 3166-1 alpha-2 code: use "${u.country.toUpperCase()}".`
    : `The country "${u.country}" of "${u.email}" is not an ISO 3166-1 alpha-2 code: use the upper-case 2-letter code, e.g. "US" or "DE".`;
};

export const IDENTITY_RULES: readonly Rule[] = [
  federatedNeedsCountry,
  adobeIdHasNoUsername,
  adobeIdHasNoDomain,
  nonEmailUsernameNeedsDomain,
  domainOnlyWithNonEmailUsername,
  countryIsAlpha2,
];

export const identityTypeRules: ResourceValidationPolicy = {
  name: "identity-type-rules",
  description:
    "AdobeUser fields must fit the identity type: federatedID needs a country, adobeID has no username or domain, a non-email username needs a domain, and country is an upper-case ISO 3166-1 alpha-2 code.",
  enforcementLevel: "mandatory",
  severity: "medium",
  remediationSteps:
    'Fix the AdobeUser inputs as the message says. With the enforcement level "remediate", a lower-case 2-letter country (e.g. "us") is upper-cased automatically.',
  validateResource: validateKind("AdobeUser", (user, _args, report) => {
    for (const rule of IDENTITY_RULES) {
      const message = rule(user);
      if (message) report(message);
    }
  }),
  // Only the obvious, safe fix: a lower-case or mixed-case 2-letter country becomes upper case.
  remediateResource: remediateKind("AdobeUser", (user) => {
    const country = knownString(() => user.country);
    if (country === undefined || ALPHA2.test(country) || !LOWER_OR_MIXED_ALPHA2.test(country)) return undefined;
    const props = user as unknown as Record<string, unknown>;
    props.country = country.toUpperCase();
    return props;
  }),
};
