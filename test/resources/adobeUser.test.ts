import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { newProcess, startOrg, type Org } from "./helpers";

let org: Org;
beforeEach(async () => void (org = await startOrg()));
afterEach(async () => org.emulator.close());

const alice = { identityType: "enterpriseID", email: "alice@example.com", firstName: "Alice", lastName: "Anders", country: "US", groups: ["Photoshop Users"] };

describe("AdobeUser", () => {
  it("creates the user and its inline groups in one command", async () => {
    org.emulator.resetMetrics();
    const { id, outs } = await org.host.create("AdobeUser", alice);
    expect(id).toBe("alice@example.com");
    expect(outs).toMatchObject({ email: "alice@example.com", groups: ["Photoshop Users"] });
    expect(org.user("alice@example.com")).toMatchObject({ type: "enterpriseID", firstname: "Alice", groups: ["Photoshop Users"] });
    expect(org.emulator.metrics().actionCommands).toBe(1);
  });

  it("creates Federated IDs with a non-email username in their directory", async () => {
    await org.host.create("AdobeUser", { identityType: "federatedID", email: "jdoe@fed.example.com", username: "jdoe", domain: "fed.example.com", firstName: "J", lastName: "Doe", country: "DE" });
    expect(org.user("jdoe@fed.example.com")).toMatchObject({ type: "federatedID", username: "jdoe", country: "DE" });
  });

  it("refuses to take over an existing user unless adoption is asked for", async () => {
    await expect(org.host.create("AdobeUser", { identityType: "enterpriseID", email: "owner@example.com", firstName: "O", lastName: "O" })).rejects.toThrow(
      'AdobeUser "owner@example.com": already exists in the org (UMAPI error.user.already_in_org). To bring it under management without re-creating it, set adopt: true',
    );
    const adopted = await org.host.create("AdobeUser", { identityType: "enterpriseID", email: "owner@example.com", firstName: "Olivia", lastName: "Owner", country: "US", adopt: true });
    expect(adopted.id).toBe("owner@example.com");
  });

  it("adopts an identical user with no action request", async () => {
    org.emulator.resetMetrics();
    await org.host.create("AdobeUser", { identityType: "enterpriseID", email: "owner@example.com", firstName: "Olivia", lastName: "Owner", country: "US", adopt: true });
    expect(org.emulator.metrics().requests.action).toBe(0);
  });

  it("diff: names are updates; country and identity type are replaces that need allowReplace", async () => {
    await expect(org.host.diff("AdobeUser", "alice@example.com", alice, { ...alice, firstName: "Al" })).resolves.toEqual({ changes: true, replaces: [], deleteBeforeReplace: undefined });
    await expect(org.host.diff("AdobeUser", "alice@example.com", alice, { ...alice, country: "DE" })).rejects.toThrow("changing country cannot be done in place");
    await expect(org.host.diff("AdobeUser", "alice@example.com", alice, { ...alice, country: "DE", allowReplace: true })).resolves.toEqual({ changes: true, replaces: ["country"], deleteBeforeReplace: true });
    await expect(org.host.diff("AdobeUser", "alice@example.com", { ...alice, __provider: "old" }, { ...alice, __provider: "new" })).resolves.toMatchObject({ changes: false });
  });

  it("updates names, email and groups of the same account", async () => {
    const { outs } = await org.host.create("AdobeUser", alice);
    const id = org.user("alice@example.com")!.id;
    const news = { ...alice, email: "alice.anders@example.com", lastName: "Andersson", groups: ["Acrobat Pro Users"] };
    const { outs: updated } = await org.host.update("AdobeUser", "alice@example.com", outs, news);
    expect(updated).toMatchObject({ email: "alice.anders@example.com", lastName: "Andersson" });
    expect(org.user("alice.anders@example.com")).toMatchObject({ id, lastname: "Andersson", groups: ["Acrobat Pro Users"] });
  });

  it("reads live values and reports a removed user as gone", async () => {
    const { id, outs } = await org.host.create("AdobeUser", alice);
    newProcess(org);
    expect(await org.host.read("AdobeUser", id, outs)).toMatchObject({ id, props: { email: "alice@example.com", firstName: "Alice", groups: ["Photoshop Users"] }, inputs: { email: "alice@example.com" } });
    await org.host.remove("AdobeUser", id, outs);
    newProcess(org);
    expect(await org.host.read("AdobeUser", id, outs)).toEqual({ id: "" });
  });

  it.each([
    ["removeFromOrg", (o: Org) => expect(o.user("alice@example.com")).toBeUndefined()],
    ["removeMemberships", (o: Org) => expect(o.user("alice@example.com")).toMatchObject({ groups: [] })],
  ])("deletes with onDelete %s", async (onDelete, expectation) => {
    const { id, outs } = await org.host.create("AdobeUser", { ...alice, onDelete });
    await org.host.remove("AdobeUser", id, outs);
    expectation(org);
  });
});

describe("a create that does not report back", () => {
  it("is recorded as a partial create and finished by the next up, with no duplicate", async () => {
    await org.emulator.close();
    org = await startOrg({ faults: { responseLost: 1, seed: 1 }, config: { "umapi:maxAttempts": "1" } });
    const failure = await org.host.create("AdobeUser", alice).catch((e: unknown) => e);
    // The dynamic-provider host turns id + properties into ErrorResourceInitFailed: the engine keeps the resource.
    expect(failure).toMatchObject({ id: "alice@example.com", properties: { email: "alice@example.com", createIncomplete: true } });
    expect((failure as Error).message).toContain("create may or may not have been applied; the next pulumi up finishes it");
    expect(org.user("alice@example.com")).toBeDefined(); // the lost request was applied
    org.emulator.setFaults(null);
    newProcess(org);
    const { outs } = await org.host.update("AdobeUser", "alice@example.com", (failure as { properties: Record<string, unknown> }).properties, alice);
    expect(outs).not.toHaveProperty("createIncomplete");
    expect(org.emulator.state().users.filter((u) => u.email === "alice@example.com")).toHaveLength(1);
  });
});
