/** Reference §4.1 user-group steps, §8.5 (entitlements through groups), §8.7 (read-only groups). */
import { beforeEach, describe, expect, it } from "vitest";
import { runActions } from "../../emulator/actions";
import { applySeed } from "../../emulator/seed";
import { OrgStore } from "../../emulator/store";
import { UMAPI_LIMITS } from "../../provider/umapi/limits";
import type { ActionIssue } from "../../provider/umapi/schema";
import { enterprise, groupsOf, seedWith, useEmulator } from "./helpers";

const seed = seedWith({
  userGroups: [
    { name: "Designers", description: "design", productProfiles: ["Photoshop Users"] },
    { name: "Shared Team", readOnly: true, productProfiles: ["Acrobat Pro Users"] },
  ],
  users: [enterprise("alice@example.com", ["Designers"]), enterprise("bob@example.com", ["_admin_Designers", "Shared Team"])],
});

const { api, fresh } = useEmulator();
beforeEach(() => {
  fresh(seed);
});

async function run(group: string, steps: unknown[]): Promise<ActionIssue | undefined> {
  const res = await api().action([{ usergroup: group, do: steps }]);
  expect(res.status).toBe(200);
  return res.body.errors?.[0];
}

const groupOf = (name: string) => api().emu.state().groups.find((g) => g.groupName.toLowerCase() === name.toLowerCase());

describe("createUserGroup (reference §4.1)", () => {
  it("creates a user group named by the command, with an optional description", async () => {
    expect(await run("Writers", [{ createUserGroup: { description: "words" } }])).toBeUndefined();
    expect(await run("Editors", [{ createUserGroup: { name: "Editors" } }])).toBeUndefined();
    expect(groupOf("Writers")).toMatchObject({ groupName: "Writers", type: "USER_GROUP", description: "words", memberCount: 0, productProfiles: [] });
    expect(groupOf("Editors")).toBeDefined();
  });

  it("an existing group is error.usergroup.already_exists unless an option says otherwise", async () => {
    expect(await run("DESIGNERS", [{ createUserGroup: {} }])).toMatchObject({ errorCode: "error.usergroup.already_exists" });
    expect(await run("Designers", [{ createUserGroup: { option: "ignoreIfAlreadyExists", description: "x" } }])).toBeUndefined();
    expect(groupOf("Designers")?.description).toBe("design");
    expect(await run("Designers", [{ createUserGroup: { option: "updateIfAlreadyExists", description: "new" } }])).toBeUndefined();
    expect(groupOf("Designers")?.description).toBe("new");
  });

  it("a product profile's name is taken, whatever the option", async () => {
    expect(await run("Photoshop Users", [{ createUserGroup: { option: "ignoreIfAlreadyExists" } }])).toMatchObject({ errorCode: "error.usergroup.already_exists" });
  });

  it("rejects names starting with '_' (reserved for admin groups) or longer than 255 characters", async () => {
    expect(await run("_admin_x", [{ createUserGroup: {} }])).toMatchObject({ errorCode: "error.command.illegal_entry" });
    const long = "g".repeat(256);
    expect(await run(long, [{ createUserGroup: {} }])).toMatchObject({ errorCode: "error.command.string.too_long" });
  });

  it("must be the first step", async () => {
    expect(await run("Writers", [{ add: { productConfiguration: ["Photoshop Users"] } }, { createUserGroup: {} }])).toMatchObject({
      step: 1,
      errorCode: "error.command.create.not_first",
    });
  });
});

describe("updateUserGroup (reference §4.1)", () => {
  it("renames a group keeping its groupId, members and admin group", async () => {
    const before = groupOf("Designers")!;
    expect(await run("designers", [{ updateUserGroup: { name: "Creatives", description: "renamed" } }])).toBeUndefined();
    expect(groupOf("Creatives")).toMatchObject({ groupId: before.groupId, description: "renamed", memberCount: 1, productProfiles: ["Photoshop Users"] });
    expect(groupOf("Designers")).toBeUndefined();
    expect(groupsOf(api(), "bob@example.com")).toEqual(["_admin_Creatives", "Shared Team"]);
    expect((await api().groups()).body.groups.find((g) => g.groupName === "Creatives")?.adminGroupName).toBe("_admin_Creatives");
  });

  it("refuses a name that another group has", async () => {
    expect(await run("Designers", [{ updateUserGroup: { name: "shared team" } }])).toMatchObject({ errorCode: "error.usergroup.already_exists" });
  });

  it("refuses to update a read-only group", async () => {
    expect(await run("Shared Team", [{ updateUserGroup: { description: "mine now" } }])).toMatchObject({
      errorCode: "error.usergroup.readonly.update_not_allowed",
      message: "Usergroup is owned by another org and readonly: Shared Team",
      user: "Shared Team",
    });
  });

  it("fails with error.usergroup.not_found for an unknown group", async () => {
    expect(await run("Nope", [{ updateUserGroup: { description: "x" } }])).toMatchObject({ errorCode: "error.usergroup.not_found" });
  });
});

describe("deleteUserGroup (reference §4.1)", () => {
  it("deletes the group, its memberships and its admin group; later steps are not performed", async () => {
    expect(await run("Designers", [{ deleteUserGroup: {} }, { add: { user: ["alice@example.com"] } }])).toBeUndefined();
    expect(groupOf("Designers")).toBeUndefined();
    expect(groupsOf(api(), "alice@example.com")).toEqual([]);
    expect(groupsOf(api(), "bob@example.com")).toEqual(["Shared Team"]);
    expect((await api().groupUsers("_admin_Designers")).status).toBe(404);
  });

  it("refuses to delete a read-only group, and an unknown one", async () => {
    expect(await run("Shared Team", [{ deleteUserGroup: {} }])).toMatchObject({
      errorCode: "error.usergroup.readonly.remove_not_allowed",
      message: "User group owned by another organization. Remove not allowed: Shared Team",
    });
    expect(await run("Nope", [{ deleteUserGroup: {} }])).toMatchObject({ errorCode: "error.usergroup.not_found" });
  });
});

describe("add and remove users and profiles (reference §4.1, §8.5)", () => {
  it("members of a user group get its profiles indirectly (visible with directOnly=false)", async () => {
    expect(await run("Designers", [{ add: { user: ["BOB@example.com"], productConfiguration: ["Acrobat Pro Users"] } }])).toBeUndefined();
    const bob = (await api().user("bob@example.com", "?directOnly=false")).body.user;
    expect(bob?.groups).toEqual(["_admin_Designers", "Acrobat Pro Users", "Designers", "Photoshop Users", "Shared Team"]);
    expect((await api().user("bob@example.com")).body.user?.groups).toEqual(["_admin_Designers", "Designers", "Shared Team"]);
  });

  it("removes users and profiles", async () => {
    expect(await run("Designers", [{ remove: { user: ["alice@example.com"], productConfiguration: ["Photoshop Users"] } }])).toBeUndefined();
    expect(groupOf("Designers")).toMatchObject({ memberCount: 0, productProfiles: [] });
  });

  it("a read-only group accepts profile changes but not member changes", async () => {
    expect(await run("Shared Team", [{ add: { productConfiguration: ["Photoshop Users"] } }])).toBeUndefined();
    expect(await run("Shared Team", [{ remove: { productConfiguration: ["Acrobat Pro Users"] } }])).toBeUndefined();
    expect(groupOf("Shared Team")?.productProfiles).toEqual(["Photoshop Users"]);
    expect(await run("Shared Team", [{ add: { user: ["alice@example.com"] } }])).toMatchObject({ errorCode: "error.usergroup.readonly.add_user_not_allowed" });
    expect(await run("Shared Team", [{ remove: { user: ["bob@example.com"] } }])).toMatchObject({ errorCode: "error.usergroup.readonly.remove_user_not_allowed" });
  });

  it("rejects unknown profiles and users, and a step with neither list", async () => {
    expect(await run("Designers", [{ add: { productConfiguration: ["Nope"] } }])).toMatchObject({ errorCode: "error.group.not_found", message: "Group Nope was not found" });
    expect(await run("Designers", [{ add: { user: ["ghost@example.com"] } }])).toMatchObject({ errorCode: "error.user.not_found" });
    expect(await run("Designers", [{ add: {} }])).toMatchObject({ errorCode: "error.usergroup.command.missing.arguments" });
    expect(await run("Nope", [{ add: { user: ["alice@example.com"] } }])).toMatchObject({ errorCode: "error.usergroup.not_found" });
  });

  it("in test mode a group created earlier in the same command can be filled", async () => {
    const res = await api().action([{ usergroup: "Writers", do: [{ createUserGroup: {} }, { add: { user: ["alice@example.com"], productConfiguration: ["Photoshop Users"] } }] }], { testOnly: true });
    expect(res.body).toMatchObject({ completedInTestMode: 1, result: "success" });
    expect(groupOf("Writers")).toBeUndefined();
  });
});

describe("the 200,000-member rule (reference §4.1)", () => {
  // Building 200,000 users per test would be slow, so this one rule runs the action engine in-process
  // with the limit lowered to 2; everything else about it is the code the HTTP tests exercise.
  it("refuses add on a group that would exceed the member limit", () => {
    const store = new OrgStore("org@AdobeOrg");
    applySeed(store, seed);
    applySeed(store, { users: [enterprise("carol@example.com"), enterprise("dan@example.com")] });
    const config = { commandsPerRequest: 10, stepsPerCommand: 10, entriesPerList: 10, userGroupMaxMembers: 2 };
    const add = (users: string[]) => runActions(store, config, [{ usergroup: "Designers", do: [{ add: { user: users } }] }], false);
    expect(add(["carol@example.com"]).result).toBe("success");
    expect(add(["dan@example.com"]).errors?.[0]).toMatchObject({ errorCode: "error.usergroup.exceeds_maximum_member_count" });
    expect(UMAPI_LIMITS.userGroupMaxMembersForAdd).toBe(200_000);
  });
});
