/** Reference §4.1 user steps, §8.1–§8.4 identity and group rules, §8.8 removal. */
import { beforeEach, describe, expect, it } from "vitest";
import type { ActionIssue } from "../../provider/umapi/schema";
import { enterprise, groupsOf, seedWith, useEmulator, type Umapi } from "./helpers";

const seed = seedWith({
  domains: [
    { name: "example.com", directory: "enterpriseID" },
    { name: "example.org", directory: "enterpriseID" },
    { name: "fed.example.com", directory: "federatedID" },
  ],
  userGroups: [{ name: "Designers" }, { name: "Shared Team", readOnly: true }],
  users: [
    enterprise("alice@example.com", ["Designers"]),
    enterprise("bob@example.com", ["_org_admin", "Designers", "Photoshop Users", "Shared Team"]),
    { type: "adobeID", email: "eve@gmail.com" },
    { type: "federatedID", email: "fred@fed.example.com", firstname: "Fred", lastname: "Fed", country: "DE" },
  ],
});

const { api, fresh } = useEmulator();
beforeEach(() => {
  fresh(seed);
});

/** Runs one command for `user` and returns its single error, or undefined on success. */
async function run(a: Umapi, user: string, steps: unknown[], extra: Record<string, unknown> = {}): Promise<ActionIssue | undefined> {
  const res = await a.action([{ user, ...extra, do: steps }]);
  expect(res.status).toBe(200);
  return res.body.errors?.[0];
}

const userOf = (email: string) => api().emu.state().users.find((u) => u.email.toLowerCase() === email.toLowerCase());
const ent = (email: string, more: Record<string, unknown> = {}) => ({ createEnterpriseID: { email, firstname: "Jane", lastname: "Doe", country: "US", ...more } });
const fed = (email: string, more: Record<string, unknown> = {}) => ({ createFederatedID: { email, firstname: "Fay", lastname: "Fed", country: "FR", ...more } });

describe("create steps (reference §4.1)", () => {
  it("createEnterpriseID, createFederatedID and addAdobeID create users of their type", async () => {
    expect(await run(api(), "jane@example.com", [ent("jane@example.com")])).toBeUndefined();
    expect(await run(api(), "fay@fed.example.com", [fed("fay@fed.example.com")])).toBeUndefined();
    expect(await run(api(), "zed@yahoo.com", [{ addAdobeID: { email: "zed@yahoo.com", country: "GB" } }])).toBeUndefined();
    expect(userOf("jane@example.com")).toMatchObject({ type: "enterpriseID", username: "jane@example.com", domain: "example.com", firstname: "Jane", country: "US", status: "active" });
    expect(userOf("fay@fed.example.com")).toMatchObject({ type: "federatedID", domain: "fed.example.com", country: "FR" });
    expect(userOf("zed@yahoo.com")).toMatchObject({ type: "adobeID", domain: "yahoo.com" });
  });

  it("createFederatedID with a non-email username uses the command's domain", async () => {
    expect(await run(api(), "fay", [fed("fay@fed.example.com")], { domain: "fed.example.com" })).toBeUndefined();
    expect(userOf("fay@fed.example.com")).toMatchObject({ username: "fay", domain: "fed.example.com" });
    expect((await api().user("fay", "?domain=fed.example.com")).status).toBe(200);
    expect(await run(api(), "fay", [{ add: { group: ["Designers"] } }])).toMatchObject({ errorCode: "error.command.domain.missing" });
  });

  it("an existing user without option is error.user.already_in_org", async () => {
    expect(await run(api(), "ALICE@example.com", [ent("ALICE@example.com")])).toMatchObject({ errorCode: "error.user.already_in_org", step: 0 });
  });

  it("ignoreIfAlreadyExists skips the create and runs the remaining steps", async () => {
    const err = await run(api(), "alice@example.com", [ent("alice@example.com", { option: "ignoreIfAlreadyExists", firstname: "Changed" }), { add: { group: ["Photoshop Users"] } }]);
    expect(err).toBeUndefined();
    expect(userOf("alice@example.com")).toMatchObject({ firstname: "First", groups: ["Designers", "Photoshop Users"] });
  });

  it("updateIfAlreadyExists updates first and last name", async () => {
    await run(api(), "alice@example.com", [ent("alice@example.com", { option: "updateIfAlreadyExists", firstname: "Alicia", lastname: "Smith" })]);
    expect(userOf("alice@example.com")).toMatchObject({ firstname: "Alicia", lastname: "Smith", country: "US" });
  });

  it("rejects an unknown option value, and option on update", async () => {
    expect(await run(api(), "jane@example.com", [ent("jane@example.com", { option: "always" })])).toMatchObject({ errorCode: "error.option.illegal" });
    expect(await run(api(), "alice@example.com", [{ update: { option: "ignoreIfAlreadyExists" } }])).toMatchObject({ errorCode: "error.command.update.option.no" });
  });

  it("allows only one create step, and only as the first step", async () => {
    expect(await run(api(), "jane@example.com", [ent("jane@example.com"), ent("jane@example.com")])).toMatchObject({ step: 1, errorCode: "error.command.create.more_than_one" });
    expect(await run(api(), "jane@example.com", [{ add: { group: ["Designers"] } }, ent("jane@example.com")])).toMatchObject({ step: 1, errorCode: "error.command.create.not_first" });
    expect(userOf("jane@example.com")).toBeUndefined();
  });

  it("requires first and last name for Enterprise and Federated IDs, and a country for Federated IDs", async () => {
    expect(await run(api(), "jane@example.com", [{ createEnterpriseID: { email: "jane@example.com", lastname: "Doe" } }])).toMatchObject({ errorCode: "error.user.firstname_missing" });
    expect(await run(api(), "fay@fed.example.com", [fed("fay@fed.example.com", { country: undefined })])).toMatchObject({ errorCode: "error.country.invalid" });
  });

  it("accepts only upper-case ISO 3166 alpha-2 countries where Adobe does business", async () => {
    const codes = async (country: string) => (await run(api(), "jane@example.com", [ent("jane@example.com", { country })]))?.errorCode;
    expect(await codes("us")).toBe("error.country.invalid");
    expect(await codes("XX")).toBe("error.country.invalid");
    expect(await codes("KP")).toBe("error.country.invalid");
    expect(await codes("USA")).toBe("error.command.string.too_long");
    expect(await codes("NZ")).toBeUndefined();
  });

  it("rejects invalid email syntax with error.user.email.invalid", async () => {
    for (const email of ["jane@@example.com", "jane example@example.com", "jane@localhost", "jané@example.com"]) {
      expect(await run(api(), email, [ent(email)])).toMatchObject({ errorCode: "error.user.email.invalid" });
    }
  });
});

describe("claimed domains and directories (reference §8.1)", () => {
  it("creates Enterprise and Federated IDs only in claimed domains", async () => {
    expect(await run(api(), "jane@unclaimed.test", [ent("jane@unclaimed.test")])).toMatchObject({
      errorCode: "error.domain.trust.nonexistent",
      message: "Changes to users are only allowed in claimed domains.",
    });
  });

  it("refuses an Enterprise ID in a Federated directory's domain and vice versa", async () => {
    expect(await run(api(), "jane@fed.example.com", [ent("jane@fed.example.com")])).toMatchObject({ errorCode: "error.user.type_mismatch" });
    expect(await run(api(), "fay@example.com", [fed("fay@example.com")])).toMatchObject({ errorCode: "error.user.type_mismatch" });
  });

  it("adds Adobe IDs from any domain, as an identity separate from an Enterprise ID with the same email", async () => {
    expect(await run(api(), "alice@example.com", [{ addAdobeID: { email: "alice@example.com" } }], { useAdobeID: true })).toBeUndefined();
    const alices = api().emu.state().users.filter((u) => u.email === "alice@example.com");
    expect(alices.map((u) => u.type)).toEqual(["adobeID", "enterpriseID"]);
    // Without useAdobeID the Enterprise ID wins; with it, the Adobe ID (reference §8.1).
    await run(api(), "alice@example.com", [{ add: { group: ["Acrobat Pro Users"] } }], { useAdobeID: true });
    expect(api().emu.state().users.find((u) => u.type === "adobeID" && u.email === "alice@example.com")?.groups).toEqual(["Acrobat Pro Users"]);
    expect((await api().user("alice@example.com")).body.user?.type).toBe("enterpriseID");
    expect((await api().user("alice@example.com", "?domain=AdobeID")).body.user?.type).toBe("adobeID");
  });
});

describe("update (reference §4.1, §8.2, §8.3)", () => {
  it("updates names, and an email within the user's directory (the username follows)", async () => {
    expect(await run(api(), "alice@example.com", [{ update: { firstname: "Alicia", email: "alicia@example.org" } }])).toBeUndefined();
    expect(userOf("alicia@example.org")).toMatchObject({ firstname: "Alicia", username: "alicia@example.org", domain: "example.org", groups: ["Designers"] });
    expect(userOf("alice@example.com")).toBeUndefined();
  });

  it("updates a Federated ID's username", async () => {
    expect(await run(api(), "fred@fed.example.com", [{ update: { username: "fred" } }])).toBeUndefined();
    expect((await api().user("fred", "?domain=fed.example.com")).body.user).toMatchObject({ username: "fred" });
  });

  it("refuses to update Adobe IDs, countries, and emails that change only in case", async () => {
    expect(await run(api(), "eve@gmail.com", [{ update: { firstname: "Eve" } }])).toMatchObject({ errorCode: "error.update.adobeid.no" });
    expect(await run(api(), "alice@example.com", [{ update: { country: "DE" } }])).toMatchObject({ errorCode: "error.update.country.no_update" });
    expect(await run(api(), "alice@example.com", [{ update: { email: "Alice@example.com" } }])).toMatchObject({ errorCode: "error.update.no" });
  });

  it("refuses an email in another directory or an unclaimed domain, or one already in use", async () => {
    expect(await run(api(), "alice@example.com", [{ update: { email: "alice@fed.example.com" } }])).toMatchObject({ errorCode: "error.user.change_domain_update.no" });
    expect(await run(api(), "alice@example.com", [{ update: { email: "alice@unclaimed.test" } }])).toMatchObject({ errorCode: "error.user.change_domain_update.no" });
    expect(await run(api(), "alice@example.com", [{ update: { email: "BOB@example.com" } }])).toMatchObject({ errorCode: "error.user.email.name_in_use" });
  });

  it("fails with error.user.nonexistent for a user that does not exist", async () => {
    expect(await run(api(), "ghost@example.com", [{ update: { firstname: "G" } }])).toEqual({
      index: 0, step: 0, message: "User Id does not exist: ghost@example.com", errorCode: "error.user.nonexistent", user: "ghost@example.com",
    });
  });
});

describe("add and remove groups (reference §4.1, §8.4)", () => {
  it("adds user groups, profiles and assignable admin roles, matching names case-insensitively", async () => {
    const roles = ["photoshop users", "_admin_Designers", "_support_admin", "_deployment_admin", "_product_admin_Acrobat Pro", "_developer_Photoshop Users", "_admin_Photoshop Users"];
    expect(await run(api(), "alice@example.com", [{ add: { group: roles } }])).toBeUndefined();
    expect(groupsOf(api(), "alice@example.com")).toEqual([
      "_admin_Designers", "_admin_Photoshop Users", "_deployment_admin", "_developer_Photoshop Users", "_product_admin_Acrobat Pro", "_support_admin", "Designers", "Photoshop Users",
    ]);
    const types = Object.fromEntries((await api().groups()).body.groups.map((g) => [g.groupName, g.type]));
    expect(types).toMatchObject({
      "_admin_Designers": "USER_ADMIN_GROUP",
      "_admin_Photoshop Users": "PROFILE_ADMIN_GROUP",
      _deployment_admin: "DEPLOYMENT_ADMIN_GROUP",
      "_developer_Photoshop Users": "DEVELOPER_GROUP",
      "_product_admin_Acrobat Pro": "PRODUCT_ADMIN_GROUP",
    });
  });

  it("rejects an unknown group and changes nothing", async () => {
    expect(await run(api(), "alice@example.com", [{ add: { group: ["Photoshop Users", "Nope"] } }])).toMatchObject({
      errorCode: "error.group.not_found",
      message: "Group Nope was not found",
    });
    expect(groupsOf(api(), "alice@example.com")).toEqual(["Designers"]);
  });

  it("never assigns or removes _org_admin, _compartment_admin or _compartment_viewer", async () => {
    for (const role of ["_org_admin", "_compartment_admin", "_compartment_viewer"]) {
      expect(await run(api(), "alice@example.com", [{ add: { group: [role] } }])).toMatchObject({ errorCode: "error.command.illegal_entry" });
    }
    expect(await run(api(), "bob@example.com", [{ remove: { group: ["_org_admin"] } }])).toMatchObject({ errorCode: "error.command.illegal_entry" });
    expect(groupsOf(api(), "bob@example.com")).toContain("_org_admin");
  });

  it("refuses membership changes of read-only (shared) user groups", async () => {
    expect(await run(api(), "alice@example.com", [{ add: { group: ["Shared Team"] } }])).toMatchObject({
      errorCode: "error.usergroup.readonly.add_user_not_allowed",
      message: "User cannot be added to group as owned by another org and readonly: Shared Team",
    });
    expect(await run(api(), "bob@example.com", [{ remove: { group: ["shared team"] } }])).toMatchObject({
      errorCode: "error.usergroup.readonly.remove_user_not_allowed",
      message: "User cannot be removed from group as owned by another org and readonly: Shared Team",
    });
  });

  it('remove "all" strips every membership except _org_admin', async () => {
    await run(api(), "alice@example.com", [{ add: { group: ["_admin_Designers", "Photoshop Users"] } }]);
    expect(await run(api(), "alice@example.com", [{ remove: "all" }])).toBeUndefined();
    expect(groupsOf(api(), "alice@example.com")).toEqual([]);
    expect(await run(api(), "bob@example.com", [{ remove: { group: ["Shared Team"] } }])).toBeDefined();
  });

  it('rejects add "all", unknown list keys, and lists that are not arrays', async () => {
    expect(await run(api(), "alice@example.com", [{ add: "all" }])).toMatchObject({ errorCode: "error.command.add_remove.list" });
    expect(await run(api(), "alice@example.com", [{ add: { groups: ["Designers"] } }])).toMatchObject({ errorCode: "error.command.add_remove.key.unknown" });
    expect(await run(api(), "alice@example.com", [{ add: { group: "Designers" } }])).toMatchObject({ errorCode: "error.command.add_remove.list_not_array" });
  });

  it("accepts the legacy product and productConfiguration keys, warning about product", async () => {
    const res = await api().action([{ user: "alice@example.com", requestID: "p", do: [{ add: { product: ["Photoshop Users"], productConfiguration: ["Acrobat Pro Users"] } }] }]);
    expect(res.body.result).toBe("success");
    expect(res.body.warnings).toEqual([
      { index: 0, step: 0, requestID: "p", message: "'product' command is deprecated. Please use productConfiguration.", warningCode: "warning.command.deprecated", user: "alice@example.com" },
    ]);
    expect(groupsOf(api(), "alice@example.com")).toEqual(["Acrobat Pro Users", "Designers", "Photoshop Users"]);
  });
});

describe("removeFromOrg (reference §4.1, §8.8)", () => {
  it("removes the user and all memberships", async () => {
    expect(await run(api(), "bob@example.com", [{ removeFromOrg: { deleteAccount: true } }])).toBeUndefined();
    expect(userOf("bob@example.com")).toBeUndefined();
    expect((await api().groupUsers("Designers")).body.users.map((u) => u.email)).toEqual(["alice@example.com"]);
  });

  it("succeeds for a user that does not exist, and removes Adobe IDs from the org", async () => {
    expect(await run(api(), "ghost@example.com", [{ removeFromOrg: {} }])).toBeUndefined();
    expect(await run(api(), "eve@gmail.com", [{ removeFromOrg: { deleteAccount: true } }])).toBeUndefined();
    expect(userOf("eve@gmail.com")).toBeUndefined();
  });

  it("must be the last step", async () => {
    expect(await run(api(), "alice@example.com", [{ removeFromOrg: {} }, { add: { group: ["Designers"] } }])).toMatchObject({
      step: 0,
      errorCode: "error.command.removefromorg.not_last",
    });
    expect(userOf("alice@example.com")).toBeDefined();
  });
});
