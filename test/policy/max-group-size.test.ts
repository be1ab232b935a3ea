import { describe, expect, it } from "vitest";
import { maxGroupSize as policy } from "../../policy/policies/max-group-size";
import { groupMembers } from "./fixtures";
import { runResourcePolicy } from "./harness";

const users = (n: number) => Array.from({ length: n }, (_, i) => `user${i}@example.com`);

describe("max-group-size (reference: UMAPI refuses add on a user group of more than 200,000 users)", () => {
  it("passes a group of exactly the default maximum", async () => {
    expect(await runResourcePolicy(policy, groupMembers("all", { users: users(200_000) }))).toEqual([]);
  });

  it("refuses a group larger than the default maximum", async () => {
    expect(await runResourcePolicy(policy, groupMembers("all", { group: "All Staff", users: users(200_001) }))).toEqual([
      'GroupMembers lists 200,001 users for "All Staff", more than the maximum of 200,000 (max-group-size.maxMembers; ' +
        "UMAPI refuses to add users to a user group of more than 200,000). Split the members across several user groups.",
    ]);
  });

  it("uses the configured maximum", async () => {
    expect(await runResourcePolicy(policy, groupMembers("all", { users: users(3) }), { maxMembers: 3 })).toEqual([]);
    expect(await runResourcePolicy(policy, groupMembers("all", { users: users(4) }), { maxMembers: 3 })).toEqual([
      'GroupMembers lists 4 users for "Designers", more than the maximum of 3 (max-group-size.maxMembers; ' +
        "UMAPI refuses to add users to a user group of more than 200,000). Split the members across several user groups.",
    ]);
  });
});
