import { describe, expect, it } from "vitest";
import { noAccountDeletion as policy } from "../../policy/policies/no-account-deletion";
import { adobeUser, groupMembership } from "./fixtures";
import { NotApplicable, runResourcePolicy } from "./harness";

describe("no-account-deletion (reference §8.8: deleteAccount deletes the account and its assets)", () => {
  it("passes the default and the soft onDelete modes", async () => {
    expect(await runResourcePolicy(policy, adobeUser("jane"))).toEqual([]);
    expect(await runResourcePolicy(policy, adobeUser("jane", { onDelete: "removeFromOrg" }))).toEqual([]);
    expect(await runResourcePolicy(policy, adobeUser("jane", { onDelete: "removeMemberships" }))).toEqual([]);
  });

  it('refuses onDelete "deleteAccount"', async () => {
    expect(await runResourcePolicy(policy, adobeUser("jane", { onDelete: "deleteAccount" }))).toEqual([
      'onDelete is "deleteAccount" for "jane@example.com": destroying or replacing this AdobeUser permanently deletes the account and all its assets. ' +
        'Use onDelete "removeFromOrg" (the default) to take the user out of the org and keep the account.',
    ]);
  });

  it("does not apply to other resource types", async () => {
    await expect(runResourcePolicy(policy, groupMembership("m"))).rejects.toBeInstanceOf(NotApplicable);
  });
});
