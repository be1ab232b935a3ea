import { describe, expect, it } from "vitest";
import { identityTypeRules as policy } from "../../policy/policies/identity-type-rules";
import { adobeUser } from "./fixtures";
import { runRemediation, runResourcePolicy, UNKNOWN } from "./harness";

const adobeId = (overrides = {}) => adobeUser("ext", { identityType: "adobeID", email: "ext@gmail.com", country: undefined, ...overrides });

describe("identity-type-rules (reference §8.1, §8.2)", () => {
  it("passes compliant users of each identity type", async () => {
    expect(await runResourcePolicy(policy, adobeUser("jane"))).toEqual([]);
    expect(await runResourcePolicy(policy, adobeUser("jdoe", { username: "jdoe", domain: "example.com" }))).toEqual([]);
    expect(await runResourcePolicy(policy, adobeUser("li", { identityType: "enterpriseID", email: "li@example.com", country: undefined }))).toEqual([]);
    expect(await runResourcePolicy(policy, adobeId())).toEqual([]);
  });

  describe("federatedID needs a country", () => {
    it("refuses a federatedID without country", async () => {
      expect(await runResourcePolicy(policy, adobeUser("jane", { country: undefined }))).toEqual([
        'The federatedID user "jane@example.com" has no country: Federated IDs need one, and it cannot be changed after creation. Set country to the user\'s ISO 3166-1 alpha-2 code, e.g. "US".',
      ]);
    });
  });

  describe("adobeID carries no username or domain", () => {
    it("refuses a username", async () => {
      expect(await runResourcePolicy(policy, adobeId({ username: "ext" }))).toEqual([
        'The adobeID user "ext@gmail.com" sets username "ext": Adobe IDs are identified by email only. Remove username.',
      ]);
    });

    it("refuses a domain", async () => {
      expect(await runResourcePolicy(policy, adobeId({ domain: "gmail.com" }))).toEqual([
        'The adobeID user "ext@gmail.com" sets domain "gmail.com": Adobe IDs are identified by email only. Remove domain.',
      ]);
    });
  });

  describe("a non-email username needs a domain, and domain needs a non-email username", () => {
    it("refuses a non-email username without domain, suggesting the email's domain", async () => {
      expect(await runResourcePolicy(policy, adobeUser("jdoe", { username: "jdoe" }))).toEqual([
        'The user "jane@example.com" has the non-email username "jdoe" but no domain: UMAPI identifies such users by username and domain. Set domain to the directory domain, probably "example.com".',
      ]);
    });

    it("passes an email-shaped username without domain", async () => {
      expect(await runResourcePolicy(policy, adobeUser("jane", { username: "jane.doe@example.com" }))).toEqual([]);
    });

    it("refuses a domain for a user identified by email", async () => {
      expect(await runResourcePolicy(policy, adobeUser("jane", { domain: "example.com" }))).toEqual([
        'The user "jane@example.com" sets domain "example.com" without a non-email username: UMAPI rejects domain for users identified by email. Remove domain, or set username to the non-email login name.',
      ]);
    });
  });

  describe("country is an upper-case ISO 3166-1 alpha-2 code", () => {
    it("refuses a lower-case code and names the fix", async () => {
      expect(await runResourcePolicy(policy, adobeUser("jane", { country: "us" }))).toEqual([
        'The country "us" of "jane@example.com" must be an upper-case ISO 3166-1 alpha-2 code: use "US".',
      ]);
    });

    it("refuses a code that is not alpha-2", async () => {
      expect(await runResourcePolicy(policy, adobeUser("jane", { country: "USA" }))).toEqual([
        'The country "USA" of "jane@example.com" is not an ISO 3166-1 alpha-2 code: use the upper-case 2-letter code, e.g. "US" or "DE".',
      ]);
    });
  });

  it("reports every broken rule", async () => {
    expect(await runResourcePolicy(policy, adobeId({ username: "ext", domain: "gmail.com", country: "u5" }))).toHaveLength(3);
  });

  describe("remediation", () => {
    it("upper-cases a lower-case 2-letter country and keeps the other inputs", async () => {
      expect(await runRemediation(policy, adobeUser("jane", { country: "de" }))).toEqual({
        identityType: "federatedID",
        email: "jane@example.com",
        firstName: "Jane",
        lastName: "Doe",
        country: "DE",
        groups: ["Designers"],
      });
    });

    it("leaves valid, missing, unknown and non-alpha-2 countries alone", async () => {
      for (const country of ["DE", undefined, UNKNOWN, "deu", "d3"]) {
        expect(await runRemediation(policy, adobeUser("jane", { country }))).toBeUndefined();
      }
    });
  });
});
