/**
 * Org pinning: each resource records the org it was created or adopted in, and an operation on a
 * resource recorded in another org, or a run against an org umapi:allowedOrgIds does not list, is
 * refused before any request.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ResourceKind } from "../../provider/resources/types";
import { resetRuntime } from "../../provider/host/runtime";
import { newProcess, startOrg, type Org } from "./helpers";

let org: Org;
beforeEach(async () => void (org = await startOrg()));
afterEach(async () => org.emulator.close());

const OTHER = "FEDCBA9876543210FEDCBA98@AdobeOrg";
const alice = { identityType: "enterpriseID", email: "alice@example.com", firstName: "Alice", lastName: "Anders", country: "US" };
const INPUTS: [ResourceKind, Record<string, unknown>][] = [
  ["UserGroup", { name: "Design Team" }],
  ["AdobeUser", alice],
  ["GroupMembership", { user: "owner@example.com", group: "Photoshop Users" }],
  ["GroupMembers", { group: "Design Team", members: ["owner@example.com"] }],
  ["UserGroupProductProfile", { group: "Design Team", productProfile: "Photoshop Users" }],
  ["AdminRoleAssignment", { user: "owner@example.com", role: "supportAdmin" }],
];

describe("every resource records its org", () => {
  it("create puts the org id in the outputs of all six kinds", async () => {
    for (const [kind, inputs] of INPUTS) {
      const { outs } = await org.host.create(kind, inputs);
      expect(outs, kind).toMatchObject({ orgId: org.emulator.orgId });
    }
  });

  it("the recorded org is no change: a no-change diff of each kind says so", async () => {
    for (const [kind, inputs] of INPUTS) {
      const { id, outs } = await org.host.create(kind, inputs);
      expect((await org.host.diff(kind, id, outs as Record<string, unknown>, inputs)).changes, kind).toBe(false);
    }
  });

  it("a resource from before org pinning gets its org at its next read, or its next update", async () => {
    const { id, outs } = await org.host.create("AdobeUser", alice);
    const { orgId, ...old } = outs as Record<string, unknown>;
    expect(orgId).toBe(org.emulator.orgId);
    newProcess(org);
    expect((await org.host.read("AdobeUser", id, old)).props).toMatchObject({ orgId: org.emulator.orgId });
    expect((await org.host.update("AdobeUser", id, old, { ...alice, lastName: "Adams" })).outs).toMatchObject({ orgId: org.emulator.orgId, lastName: "Adams" });
  });
});

describe("a resource recorded in another org", () => {
  const recordedElsewhere = async () => {
    const { id, outs } = await org.host.create("AdobeUser", alice);
    newProcess(org);
    org.emulator.resetMetrics();
    return { id, outs: { ...(outs as Record<string, unknown>), orgId: OTHER } };
  };
  const refusal = new RegExp(`AdobeUser "alice@example.com": was created or adopted in org ${OTHER}, but this run's credentials are for org [^:]+: nothing was sent\\. Point umapi:orgId \\(or UMAPI_ORG_ID\\) and the client id and secret at ${OTHER}`);

  it.each(["diff", "read", "update", "remove"] as const)("%s refuses, naming both orgs and the fix, before any request", async (op) => {
    const { id, outs } = await recordedElsewhere();
    const call = {
      diff: () => org.host.diff("AdobeUser", id, outs, { ...alice, lastName: "Adams" }),
      read: () => org.host.read("AdobeUser", id, outs),
      update: () => org.host.update("AdobeUser", id, outs, { ...alice, lastName: "Adams" }),
      remove: () => org.host.remove("AdobeUser", id, outs),
    }[op];
    const err = await call().then(() => undefined, (e: Error) => e);
    expect(err?.message).toMatch(refusal);
    expect(err?.message).toContain(org.emulator.orgId);
    expect(org.emulator.metrics().requests.total).toBe(0);
    expect(org.user("alice@example.com")).toMatchObject({ lastname: "Anders" });
  });

  it("the org id is compared without case, as UMAPI does", async () => {
    const { id, outs } = await org.host.create("AdobeUser", alice);
    const lowered = { ...(outs as Record<string, unknown>), orgId: org.emulator.orgId.toLowerCase() };
    expect((await org.host.read("AdobeUser", id, lowered)).id).toBe(id);
  });
});

describe("check and diff stay local", () => {
  it("without credentials (a preview that cannot reach UMAPI) they neither fail nor refuse", async () => {
    const { id, outs } = await org.host.create("AdobeUser", alice);
    resetRuntime();
    org.host.configure({ get: () => undefined });
    expect((await org.host.check("AdobeUser", {}, alice)).failures).toEqual([]);
    expect((await org.host.diff("AdobeUser", id, { ...(outs as Record<string, unknown>), orgId: OTHER }, { ...alice, lastName: "Adams" })).changes).toBe(true);
  });
});

describe("umapi:allowedOrgIds", () => {
  it("refuses check, create and every other operation against an org it does not list, before any request", async () => {
    const { id, outs } = await org.host.create("AdobeUser", alice);
    newProcess(org, { "umapi:allowedOrgIds": `${OTHER}, 2222222222222222AAAAAAAA@AdobeOrg` });
    org.emulator.resetMetrics();
    const message = new RegExp(`this run's credentials are for org ${org.emulator.orgId}, which umapi:allowedOrgIds does not list \\(${OTHER}, 2222222222222222AAAAAAAA@AdobeOrg\\): nothing was sent`);
    await expect(org.host.check("AdobeUser", {}, { ...alice, email: "bob@example.com" })).rejects.toThrow(message);
    await expect(org.host.create("AdobeUser", { ...alice, email: "bob@example.com" })).rejects.toThrow(message);
    await expect(org.host.read("AdobeUser", id, outs)).rejects.toThrow(message);
    await expect(org.host.remove("AdobeUser", id, outs)).rejects.toThrow(message);
    expect(org.emulator.metrics().requests.total).toBe(0);
  });

  it("lets a listed org through (a comma list or a JSON array)", async () => {
    newProcess(org, { "umapi:allowedOrgIds": JSON.stringify([OTHER, org.emulator.orgId]) });
    expect((await org.host.create("AdobeUser", alice)).outs).toMatchObject({ orgId: org.emulator.orgId });
  });
});
