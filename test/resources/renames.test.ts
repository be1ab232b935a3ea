/**
 * Renames in the provider: a group's or user's rename seen by its diff turns the diffs of the edges
 * named after it into updates, which UMAPI needs nothing for; an email into an unclaimed domain is
 * refused before anything is sent.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { newProcess, startOrg, type Org } from "./helpers";

let org: Org;
beforeEach(async () => void (org = await startOrg()));
afterEach(async () => org.emulator.close());

const bob = { identityType: "enterpriseID", email: "bob@example.com", firstName: "Bob", lastName: "Berg", country: "US" };

describe("edges follow a rename their diff has seen", () => {
  it("a product profile attachment, a membership and an admin role of a renamed group are updates, and send nothing", async () => {
    const group = await org.host.create("UserGroup", { name: "Reviewers" });
    const profile = await org.host.create("UserGroupProductProfile", { group: "Reviewers", productProfile: "Acrobat Pro Users" });
    const member = await org.host.create("GroupMembership", { user: "owner@example.com", group: "Reviewers" });
    const admin = await org.host.create("AdminRoleAssignment", { user: "owner@example.com", role: "userGroupAdmin", target: "Reviewers" });
    newProcess(org);
    const renamed = { group: "Review Board" };
    // Without the group's rename, moving an edge to another group is a replace.
    expect((await org.host.diff("UserGroupProductProfile", profile.id, profile.outs, { group: "Review Board", productProfile: "Acrobat Pro Users" })).replaces).toEqual(["group", "productProfile"]);
    newProcess(org);
    expect(await org.host.diff("UserGroup", group.id, group.outs, { name: "Review Board" })).toEqual({ changes: true });
    expect(await org.host.diff("UserGroupProductProfile", profile.id, profile.outs, { ...renamed, productProfile: "Acrobat Pro Users" })).toMatchObject({ changes: true, replaces: [] });
    expect(await org.host.diff("GroupMembership", member.id, member.outs, { user: "owner@example.com", ...renamed })).toMatchObject({ changes: true, replaces: [] });
    expect(await org.host.diff("AdminRoleAssignment", admin.id, admin.outs, { user: "owner@example.com", role: "userGroupAdmin", target: "Review Board" })).toMatchObject({ changes: true, replaces: [] });

    await org.host.update("UserGroup", group.id, group.outs, { name: "Review Board" });
    org.emulator.resetMetrics();
    await org.host.update("UserGroupProductProfile", profile.id, profile.outs, { ...renamed, productProfile: "Acrobat Pro Users" });
    await org.host.update("GroupMembership", member.id, member.outs, { user: "owner@example.com", ...renamed });
    await org.host.update("AdminRoleAssignment", admin.id, admin.outs, { user: "owner@example.com", role: "userGroupAdmin", target: "Review Board" });
    expect(org.emulator.metrics().requests.action).toBe(0);
    expect(org.user("owner@example.com")!.groups).toEqual(expect.arrayContaining(["Review Board", "_admin_Review Board"]));
  });

  it("a membership of a renamed user is an update", async () => {
    const user = await org.host.create("AdobeUser", bob);
    const member = await org.host.create("GroupMembership", { user: "bob@example.com", group: "Photoshop Users" });
    newProcess(org);
    expect((await org.host.diff("AdobeUser", user.id, user.outs, { ...bob, email: "robert@example.com" })).replaces).toEqual([]);
    expect(await org.host.diff("GroupMembership", member.id, member.outs, { user: "robert@example.com", group: "Photoshop Users" })).toMatchObject({ changes: true, replaces: [] });
  });
});

describe("an email rename into a domain the org has not claimed", () => {
  it("is refused with the reason before any action request", async () => {
    const user = await org.host.create("AdobeUser", bob);
    newProcess(org);
    org.emulator.resetMetrics();
    await expect(org.host.update("AdobeUser", user.id, user.outs, { ...bob, email: "bob@unclaimed.example" })).rejects.toThrow(
      'AdobeUser "bob@example.com": cannot be renamed to bob@unclaimed.example: "unclaimed.example" is not a domain this org has claimed or trusts (UMAPI error.domain.not_found), and an enterpriseID must stay in one; nothing was sent.',
    );
    expect(org.emulator.metrics().requests.action).toBe(0);
    expect(org.user("bob@example.com")).toBeDefined();
  });

  it("a rename inside the claimed domains goes through", async () => {
    const user = await org.host.create("AdobeUser", bob);
    await org.host.update("AdobeUser", user.id, user.outs, { ...bob, email: "robert@example.com" });
    expect(org.user("robert@example.com")?.id).toBe(org.emulator.state().users.find((u) => u.email === "robert@example.com")!.id);
    expect(org.user("bob@example.com")).toBeUndefined();
  });
});
