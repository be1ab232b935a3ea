/** The plan of a validated preview: what changed between the last update's basis and the declaration. */
import * as pulumi from "@pulumi/pulumi";
import { beforeEach, describe, expect, it } from "vitest";
import { planBasis, planChanges, recordDeclared, resetDeclared } from "../../provider/resources/plan";

const bea = { identityType: "enterpriseID", email: "bea@example.com", firstName: "Bea", lastName: "Berg", groups: ["Team"] };

beforeEach(() => resetDeclared());

describe("the plan basis", () => {
  it("records plain inputs only, without the serialized provider", () => {
    recordDeclared("AdobeUser", "user:bea@example.com", { ...bea, __provider: Promise.resolve("x") });
    recordDeclared("GroupMembership", "edge", { user: pulumi.output("bea@example.com"), group: "Team" });
    expect(planBasis()).toEqual({ version: 1, resources: { "user:bea@example.com": ["AdobeUser", bea] } });
  });

  it("finds creates, updates and removals, and nothing for an unchanged declaration", () => {
    recordDeclared("AdobeUser", "user:bea@example.com", bea);
    recordDeclared("UserGroup", "group:team", { name: "Team" });
    const previous = planBasis();
    expect(planChanges(previous)).toEqual([]);

    resetDeclared();
    recordDeclared("AdobeUser", "user:bea@example.com", { ...bea, groups: ["Team", "Review"] });
    recordDeclared("UserGroup", "group:review", { name: "Review" });
    expect(planChanges(previous)).toEqual([
      { name: "user:bea@example.com", kind: "AdobeUser", olds: bea, news: { ...bea, groups: ["Team", "Review"] } },
      { name: "group:review", kind: "UserGroup", olds: undefined, news: { name: "Review" } },
      { name: "group:team", kind: "UserGroup", olds: { name: "Team" } },
    ]);
  });

  it("takes a resource found under an alias (a rename) as an update", () => {
    recordDeclared("AdobeUser", "user:bea@example.com", bea);
    const previous = planBasis();
    resetDeclared();
    recordDeclared("AdobeUser", "user:bea.berg@example.com", { ...bea, email: "bea.berg@example.com" }, { aliases: [{ name: "user:bea@example.com" }] });
    expect(planChanges(previous)).toEqual([{ name: "user:bea.berg@example.com", kind: "AdobeUser", olds: bea, news: { ...bea, email: "bea.berg@example.com" } }]);
  });

  it("compares inputs regardless of key order", () => {
    recordDeclared("AdobeUser", "u", { email: "a@example.com", identityType: "enterpriseID" });
    const previous = planBasis();
    resetDeclared();
    recordDeclared("AdobeUser", "u", { identityType: "enterpriseID", email: "a@example.com" });
    expect(planChanges(previous)).toEqual([]);
  });
});
