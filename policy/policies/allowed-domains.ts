import type { ResourceValidationPolicy } from "@pulumi/policy";
import { quoteList } from "../lib/groups";
import { validateKind } from "../lib/resources";

export interface AllowedDomainsConfig {
  /** The domains claimed by the org in the Admin Console. Default: none (the policy does not apply). */
  domains?: string[];
}

function domainOfEmail(email: string): string | undefined {
  const at = email.lastIndexOf("@");
  return at < 0 ? undefined : email.slice(at + 1);
}

export const allowedDomains: ResourceValidationPolicy = {
  name: "allowed-domains",
  description: "enterpriseID and federatedID users must have an email (and directory domain) in one of the org's claimed domains.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Use an address in a claimed domain, or claim the domain in the Admin Console and add it to allowed-domains.domains. Users outside the org's domains can only be adobeID users.",
  configSchema: {
    properties: {
      domains: { type: "array", items: { type: "string" }, default: [], description: "Domains claimed by the org (case-insensitive)." },
    },
  },
  validateResource: validateKind("AdobeUser", (user, args, report) => {
    const domains = args.getConfig<AllowedDomainsConfig>().domains ?? [];
    if (domains.length === 0) return args.notApplicable("No claimed domains configured (allowed-domains.domains).");
    if (user.identityType !== "enterpriseID" && user.identityType !== "federatedID") return;
    const claimed = new Set(domains.map((d) => d.trim().toLowerCase()));
    const isClaimed = (d: string) => claimed.has(d.trim().toLowerCase());
    const allowed = `allowed: ${quoteList(domains)}`;

    const emailDomain = typeof user.email === "string" ? domainOfEmail(user.email) : undefined;
    if (emailDomain !== undefined && !isClaimed(emailDomain)) {
      report(
        `The ${user.identityType} user "${user.email}" is in "${emailDomain}", which is not a claimed domain (${allowed}). ` +
          `Use an address in a claimed domain, or claim "${emailDomain}" in the Admin Console and add it to allowed-domains.domains.`,
      );
    }
    if (typeof user.domain === "string" && user.domain !== "" && !isClaimed(user.domain)) {
      report(
        `The directory domain "${user.domain}" of "${user.email}" is not a claimed domain (${allowed}). ` +
          `Use the domain your directory is set up for, or claim "${user.domain}" in the Admin Console and add it to allowed-domains.domains.`,
      );
    }
  }),
};
