/** Reference §4.1 user-group steps and §8.5/§8.7 membership rules, through `client.run`. */
import { beforeEach, describe, expect, it } from "vitest";
import { groupCommand, groupSteps } from "../../provider/umapi";
import { actionBodies, clientFor, collect, groupIn, ORG, userIn, useEmulator } from "./helpers";

const { emu, fresh } = useEmulator();
beforeEach(() => {
  fresh(ORG);
});

describe("createUserGroup (name from the command, optional description and option)", () => {
  it("creates a user group that the groups listing then shows", async () => {
    const client = clientFor(emu());
    await client.run(groupCommand("Reviewers", [groupSteps.create("People who review")]));
    expect(groupIn(emu(), "Reviewers")).toMatchObject({ type: "USER_GROUP", description: "People who review", memberCount: 0, productProfiles: [] });
    expect((await collect(client.listGroups())).find((g) => g.groupName === "Reviewers")).toMatchObject({ type: "USER_GROUP" });
    expect(actionBodies(emu())).toEqual([[{ usergroup: "Reviewers", do: [{ createUserGroup: { description: "People who review" } }] }]]);
  });

  it("ignoreIfAlreadyExists leaves an existing group alone; updateIfAlreadyExists updates its description", async () => {
    const client = clientFor(emu());
    await client.run(groupCommand("designers", [groupSteps.create("ignored", "ignoreIfAlreadyExists")]));
    expect(groupIn(emu(), "Designers")!.description).toBe("Design team");
    await client.run(groupCommand("designers", [groupSteps.create("Product design", "updateIfAlreadyExists")]));
    expect(groupIn(emu(), "Designers")).toMatchObject({ groupName: "Designers", description: "Product design" });
  });

  it("create, attach a profile and add members in one command", async () => {
    await clientFor(emu()).run(
      groupCommand("Reviewers", [groupSteps.create(), groupSteps.addProfiles(["Acrobat Pro Users"]), groupSteps.addUsers(["bob@example.com", "EVE@gmail.com"])]),
    );
    expect(groupIn(emu(), "Reviewers")).toMatchObject({ productProfiles: ["Acrobat Pro Users"], memberCount: 2 });
    expect(userIn(emu(), "eve@gmail.com")!.groups).toEqual(["Reviewers"]);
  });
});

describe("updateUserGroup: rename and re-describe, keeping id, members and profiles", () => {
  it("renames a group", async () => {
    const before = groupIn(emu(), "Designers")!;
    await clientFor(emu()).run(groupCommand("Designers", [groupSteps.update({ name: "Product Designers", description: "Renamed" })]));
    expect(groupIn(emu(), "Designers")).toBeUndefined();
    expect(groupIn(emu(), "Product Designers")).toMatchObject({
      groupId: before.groupId,
      description: "Renamed",
      memberCount: 2,
      productProfiles: ["Photoshop Users"],
    });
    expect(userIn(emu(), "carol@example.com")!.groups).toEqual(["_admin_Product Designers", "Product Designers"]);
  });
});

describe("deleteUserGroup", () => {
  it("deletes the group, its memberships and its admin group", async () => {
    await clientFor(emu()).run(groupCommand("Designers", [groupSteps.delete()]));
    expect(groupIn(emu(), "Designers")).toBeUndefined();
    expect(userIn(emu(), "carol@example.com")!.groups).toEqual([]);
    expect(userIn(emu(), "alice@example.com")!.groups).toEqual(["Photoshop Users"]);
    expect(actionBodies(emu())).toEqual([[{ usergroup: "Designers", do: [{ deleteUserGroup: {} }] }]]);
  });
});

describe("add/remove user and productConfiguration (§8.5)", () => {
  it("adding a member grants the group's profiles; removing takes them away again", async () => {
    const client = clientFor(emu());
    await client.run(groupCommand("Designers", [groupSteps.addUsers(["bob@example.com", "dave@example.com"])]));
    expect(groupIn(emu(), "Designers")!.memberCount).toBe(4);
    expect((await client.getUser("dave@example.com"))!.groups).toEqual(["Designers", "Shared Designers"]);
    const viaGroups = await collect(client.listUsersInGroup("Photoshop Users", { directOnly: false }));
    expect(viaGroups.map((u) => u.email)).toContain("dave@example.com");
    await client.run(groupCommand("Designers", [groupSteps.removeUsers(["dave@example.com"])]));
    expect(userIn(emu(), "dave@example.com")!.groups).toEqual(["Shared Designers"]);
  });

  it("attaching and detaching a profile changes every member's indirect access", async () => {
    const client = clientFor(emu());
    await client.run(groupCommand("Designers", [groupSteps.addProfiles(["Acrobat Pro Users"])]));
    expect(groupIn(emu(), "Designers")!.productProfiles).toEqual(["Acrobat Pro Users", "Photoshop Users"]);
    expect((await collect(client.listUsersInGroup("Acrobat Pro Users", { directOnly: false }))).map((u) => u.email)).toEqual([
      "dave@example.com",
      "alice@example.com",
      "carol@example.com",
    ]);
    await client.run(groupCommand("Designers", [groupSteps.removeProfiles(["Photoshop Users"])]));
    expect(groupIn(emu(), "Designers")!.productProfiles).toEqual(["Acrobat Pro Users"]);
  });

  it("a read-only (shared) group still accepts profile changes (§8.7)", async () => {
    await clientFor(emu()).run(groupCommand("Shared Designers", [groupSteps.addProfiles(["Photoshop Users"])]));
    expect(groupIn(emu(), "Shared Designers")!.productProfiles).toEqual(["Acrobat Pro Users", "Photoshop Users"]);
  });
});
