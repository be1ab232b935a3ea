import { describe, expect, it } from "vitest";
import { allowedDomains as policy } from "../../policy/policies/allowed-domains";
import { adobeUser } from "./fixtures";
import { NotApplicable, runResourcePolicy } from "./harness";

const config = { domains: ["example.com", "Example.ORG"] };

describe("allowed-domains (reference §8.1: create/update only for claimed domains)", () => {
  it("does not apply until claimed domains are configured", async () => {
    await expect(runResourcePolicy(policy, adobeUser("jane", { email: "jane@gmail.com" }))).rejects.toEqual(
      new NotApplicable("No claimed domains configured (allowed-domains.domains)."),
    );
  });

  it("passes users in a claimed domain, case-insensitively", async () => {
    expect(await runResourcePolicy(policy, adobeUser("jane"), config)).toEqual([]);
    expect(await runResourcePolicy(policy, adobeUser("li", { email: "Li@EXAMPLE.org", identityType: "enterpriseID" }), config)).toEqual([]);
  });

  it("passes adobeID users in any domain", async () => {
    expect(await runResourcePolicy(policy, adobeUser("ext", { identityType: "adobeID", email: "ext@gmail.com", country: undefined }), config)).toEqual([]);
  });

  it("refuses an enterpriseID email outside the claimed domains", async () => {
    expect(await runResourcePolicy(policy, adobeUser("jane", { identityType: "enterpriseID", email: "jane@gmail.com" }), config)).toEqual([
      'The enterpriseID user "jane@gmail.com" is in "gmail.com", which is not a claimed domain (allowed: "example.com" and "Example.ORG"). ' +
        'Use an address in a claimed domain, or claim "gmail.com" in the Admin Console and add it to allowed-domains.domains.',
    ]);
  });

  it("refuses a federatedID directory domain outside the claimed domains", async () => {
    const user = adobeUser("jdoe", { username: "jdoe", domain: "corp.example.net" });
    expect(await runResourcePolicy(policy, user, config)).toEqual([
      'The directory domain "corp.example.net" of "jane@example.com" is not a claimed domain (allowed: "example.com" and "Example.ORG"). ' +
        'Use the domain your directory is set up for, or claim "corp.example.net" in the Admin Console and add it to allowed-domains.domains.',
    ]);
  });

  it("does not treat a subdomain as claimed", async () => {
    expect(await runResourcePolicy(policy, adobeUser("jane", { email: "jane@eu.example.com" }), { domains: ["example.com"] })).toEqual([
      'The federatedID user "jane@eu.example.com" is in "eu.example.com", which is not a claimed domain (allowed: "example.com"). ' +
        'Use an address in a claimed domain, or claim "eu.example.com" in the Admin Console and add it to allowed-domains.domains.',
    ]);
  });
});
