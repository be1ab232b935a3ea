import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { newProcess, startOrg, type Org } from "./helpers";

let org: Org;
beforeEach(async () => {
  org = await startOrg();
  await org.host.create("UserGroup", { name: "Team" });
  for (const u of ["a", "b", "c"]) await org.host.create("AdobeUser", { identityType: "enterpriseID", email: `${u}@example.com`, firstName: u, lastName: u });
  newProcess(org);
});
afterEach(async () => org.emulator.close());

describe("GroupMembership", () => {
  it("adds one user to a group, reads it, removes it", async () => {
    const { id, outs } = await org.host.create("GroupMembership", { user: "a@example.com", group: "Team" });
    expect(org.user("a@example.com")!.groups).toEqual(["Team"]);
    newProcess(org);
    expect(await org.host.read("GroupMembership", id, outs)).toMatchObject({ id });
    await org.host.remove("GroupMembership", id, outs);
    expect(org.user("a@example.com")!.groups).toEqual([]);
    newProcess(org);
    expect(await org.host.read("GroupMembership", id, outs)).toEqual({ id: "" });
  });

  it("a change of user or group is a replace, deleting first", async () => {
    const olds = { user: "a@example.com", group: "Team" };
    expect(await org.host.diff("GroupMembership", "x", olds, { ...olds, group: "Photoshop Users" })).toMatchObject({ changes: true, deleteBeforeReplace: true });
    expect(await org.host.diff("GroupMembership", "x", olds, olds)).toMatchObject({ changes: false });
  });

  it("refuses to add a member to a read-only shared group", async () => {
    await expect(org.host.create("GroupMembership", { user: "a@example.com", group: "Shared Designers" })).rejects.toThrow("read-only user group shared from another organization");
  });

  it("fails only the membership UMAPI refused, with its error code (partial result)", async () => {
    await org.host.read("GroupMembership", "warm-up", { user: "c@example.com", group: "Team" });
    org.emulator.resetMetrics();
    const results = await Promise.allSettled([
      org.host.create("GroupMembership", { user: "a@example.com", group: "Team" }),
      org.host.create("GroupMembership", { user: "b@example.com", group: "No Such Group" }),
    ]);
    expect(results[0]!.status).toBe("fulfilled");
    expect(results[1]).toMatchObject({ status: "rejected", reason: { message: expect.stringMatching(/GroupMembership "b@example.com → No Such Group": create failed: .*error\.group\.not_found/) } });
    expect(org.emulator.metrics().requests.action).toBe(1);
  });
});

describe("AdminRoleAssignment", () => {
  it("maps roles to UMAPI admin groups", async () => {
    const { outs } = await org.host.create("AdminRoleAssignment", { user: "a@example.com", role: "userGroupAdmin", target: "Team" });
    expect(outs).toMatchObject({ adminGroup: "_admin_Team" });
    await org.host.create("AdminRoleAssignment", { user: "b@example.com", role: "supportAdmin" });
    await org.host.create("AdminRoleAssignment", { user: "c@example.com", role: "developer", target: "Photoshop Users" });
    expect(org.user("a@example.com")!.groups).toEqual(["_admin_Team"]);
    expect(org.user("b@example.com")!.groups).toEqual(["_support_admin"]);
    expect(org.user("c@example.com")!.groups).toEqual(["_developer_Photoshop Users"]);
  });
});

describe("GroupMembers (authoritative)", () => {
  it("makes the member list exactly the declared one", async () => {
    await org.host.create("GroupMembership", { user: "c@example.com", group: "Team" });
    const { id, outs } = await org.host.create("GroupMembers", { group: "Team", users: ["a@example.com", "b@example.com"] });
    const members = () => org.emulator.state().users.filter((u) => u.groups.includes("Team")).map((u) => u.email).sort();
    expect(members()).toEqual(["a@example.com", "b@example.com"]);
    await org.host.update("GroupMembers", id, outs, { group: "Team", users: ["b@example.com", "c@example.com"] });
    expect(members()).toEqual(["b@example.com", "c@example.com"]);
  });

  it("reads extra members as drift", async () => {
    const { id, outs } = await org.host.create("GroupMembers", { group: "Team", users: ["a@example.com"] });
    await org.host.create("GroupMembership", { user: "b@example.com", group: "Team" });
    newProcess(org);
    expect(await org.host.read("GroupMembers", id, outs)).toMatchObject({ props: { group: "Team", users: ["a@example.com", "b@example.com"] } });
  });

  it("refuses a read-only shared group", async () => {
    await expect(org.host.create("GroupMembers", { group: "Shared Designers", users: [] })).rejects.toThrow("read-only user group");
  });

  it("on delete removes only the members it declared", async () => {
    const { id, outs } = await org.host.create("GroupMembers", { group: "Team", users: ["a@example.com"] });
    await org.host.create("GroupMembership", { user: "b@example.com", group: "Team" });
    newProcess(org);
    await org.host.remove("GroupMembers", id, outs);
    expect(org.emulator.state().users.filter((u) => u.groups.includes("Team")).map((u) => u.email)).toEqual(["b@example.com"]);
  });
});
