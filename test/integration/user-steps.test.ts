/** Reference §4.1 user steps and §8.8 removal, through `client.run`, checked in the emulator's state. */
import { beforeEach, describe, expect, it } from "vitest";
import { userCommand, userSteps } from "../../provider/umapi";
import { actionBodies, clientFor, collect, enterprise, groupIn, ORG, userIn, useEmulator } from "./helpers";

const { emu, fresh } = useEmulator();
beforeEach(() => {
  fresh(ORG);
});

describe("create steps: addAdobeID, createEnterpriseID, createFederatedID", () => {
  it("addAdobeID adds an Adobe ID (useAdobeID set, as Adobe's client does)", async () => {
    await clientFor(emu()).run(userCommand({ user: "zed@yahoo.com", useAdobeID: true }, [userSteps.addAdobeID({ email: "zed@yahoo.com", country: "GB" })]));
    expect(userIn(emu(), "zed@yahoo.com")).toMatchObject({ type: "adobeID", domain: "yahoo.com", country: "GB", groups: [] });
    expect(actionBodies(emu())).toEqual([[{ user: "zed@yahoo.com", useAdobeID: true, do: [{ addAdobeID: { email: "zed@yahoo.com", country: "GB" } }] }]]);
  });

  it("createEnterpriseID creates the user, and the following add step gives it groups", async () => {
    const cmd = userCommand({ user: "jane@example.com" }, [
      userSteps.createEnterpriseID({ email: "jane@example.com", firstname: "Jane", lastname: "Doe", country: "US" }),
      userSteps.add(["Designers", "Acrobat Pro Users"]),
    ]);
    await clientFor(emu()).run(cmd);
    expect(userIn(emu(), "jane@example.com")).toMatchObject({
      type: "enterpriseID",
      username: "jane@example.com",
      firstname: "Jane",
      lastname: "Doe",
      country: "US",
      groups: ["Acrobat Pro Users", "Designers"],
    });
  });

  it("createFederatedID creates an email-login Federated ID", async () => {
    await clientFor(emu()).run(
      userCommand({ user: "fay@fed.example.com" }, [userSteps.createFederatedID({ email: "fay@fed.example.com", firstname: "Fay", lastname: "Fed", country: "FR" })]),
    );
    expect(userIn(emu(), "fay@fed.example.com")).toMatchObject({ type: "federatedID", username: "fay@fed.example.com", domain: "fed.example.com" });
  });

  it("createFederatedID with a non-email username sends the domain and is found by username + domain", async () => {
    const client = clientFor(emu());
    await client.run(
      userCommand({ user: "fay", domain: "fed.example.com" }, [
        userSteps.createFederatedID({ email: "fay.f@fed.example.com", firstname: "Fay", lastname: "Fed", country: "FR" }),
      ]),
    );
    expect(actionBodies(emu())[0]).toMatchObject([{ user: "fay", domain: "fed.example.com" }]);
    expect(await client.getUser("fay", { domain: "fed.example.com" })).toMatchObject({ username: "fay", email: "fay.f@fed.example.com" });
  });

  it("the domain is left out for an email-identified user", () => {
    expect(userCommand({ user: "jane@example.com", domain: "example.com" }, [])).toEqual({ user: "jane@example.com", do: [] });
  });

  it("updateIfAlreadyExists on an existing user updates its names only", async () => {
    await clientFor(emu()).run(
      userCommand({ user: "alice@example.com" }, [
        userSteps.createEnterpriseID({ email: "alice@example.com", firstname: "Alicia", lastname: "Smith", country: "GB" }, "updateIfAlreadyExists"),
      ]),
    );
    expect(userIn(emu(), "alice@example.com")).toMatchObject({ firstname: "Alicia", lastname: "Smith", country: "US" });
  });
});

describe("update: names, email (rename) and Federated username (§8.3)", () => {
  it("updates first and last name", async () => {
    await clientFor(emu()).run(userCommand({ user: "alice@example.com" }, [userSteps.update({ firstname: "Alicia", lastname: "" })]));
    expect(userIn(emu(), "alice@example.com")).toMatchObject({ firstname: "Alicia", lastname: "Last" }); // empty = unchanged
    expect(actionBodies(emu())).toEqual([[{ user: "alice@example.com", do: [{ update: { firstname: "Alicia" } }] }]]);
  });

  it("renames the email: the username follows, memberships stay, the old email is gone", async () => {
    const client = clientFor(emu());
    await client.run(userCommand({ user: "alice@example.com" }, [userSteps.update({ email: "alice.smith@example.com" })]));
    expect(userIn(emu(), "alice.smith@example.com")).toMatchObject({ username: "alice.smith@example.com", groups: ["Designers", "Photoshop Users"] });
    expect(await client.getUser("alice@example.com")).toBeUndefined();
  });

  it("changes a non-email Federated username", async () => {
    const client = clientFor(emu());
    await client.run(userCommand({ user: "fred", domain: "fed.example.com" }, [userSteps.update({ username: "frederick" })]));
    expect(userIn(emu(), "fred@fed.example.com")).toMatchObject({ username: "frederick" });
    expect(await client.getUser("frederick", { domain: "fed.example.com" })).toMatchObject({ email: "fred@fed.example.com" });
  });
});

describe("add and remove: groups, profiles and admin roles (§8.4)", () => {
  it("add takes user groups, product profiles and assignable admin groups", async () => {
    const groups = ["Acrobat Pro Users", "_support_admin", "_admin_Photoshop Users", "_product_admin_Acrobat Pro", "_developer_Photoshop Users"];
    await clientFor(emu()).run(userCommand({ user: "bob@example.com" }, [userSteps.add(groups)]));
    expect(userIn(emu(), "bob@example.com")!.groups).toEqual([
      "_admin_Photoshop Users",
      "_developer_Photoshop Users",
      "_product_admin_Acrobat Pro",
      "_support_admin",
      "Acrobat Pro Users",
      "Photoshop Users",
    ]);
  });

  it("adding a group the user already has is not an error (add is idempotent)", async () => {
    const outcome = await clientFor(emu()).run(userCommand({ user: "alice@example.com" }, [userSteps.add(["Designers"])]));
    expect(outcome).toMatchObject({ completed: true, issues: [] });
    expect(groupIn(emu(), "Designers")!.memberCount).toBe(2);
  });

  it("remove takes the named groups away", async () => {
    await clientFor(emu()).run(userCommand({ user: "carol@example.com" }, [userSteps.remove(["_admin_Designers"])]));
    expect(userIn(emu(), "carol@example.com")!.groups).toEqual(["Designers"]);
  });

  it('remove "all" strips every group and role except _org_admin', async () => {
    fresh({ ...ORG, users: [enterprise("owner@example.com", ["_org_admin", "_support_admin", "Designers", "Photoshop Users"])] });
    await clientFor(emu()).run(userCommand({ user: "owner@example.com" }, [userSteps.removeAll()]));
    expect(userIn(emu(), "owner@example.com")!.groups).toEqual(["_org_admin"]);
    expect(actionBodies(emu())).toEqual([[{ user: "owner@example.com", do: [{ remove: "all" }] }]]);
  });
});

describe("removeFromOrg, with and without deleteAccount (§8.8)", () => {
  it("removes the user and all its memberships", async () => {
    const client = clientFor(emu());
    await client.run(userCommand({ user: "alice@example.com" }, [userSteps.removeFromOrg()]));
    expect(userIn(emu(), "alice@example.com")).toBeUndefined();
    expect(emails(await collect(client.listUsersInGroup("Designers")))).toEqual(["carol@example.com"]);
    expect(actionBodies(emu())).toEqual([[{ user: "alice@example.com", do: [{ removeFromOrg: { deleteAccount: false } }] }]]);
  });

  it("deleteAccount: true deletes an Enterprise ID; an Adobe ID is only removed from the org", async () => {
    const client = clientFor(emu());
    await Promise.all([
      client.run(userCommand({ user: "bob@example.com" }, [userSteps.removeFromOrg(true)])),
      client.run(userCommand({ user: "eve@gmail.com", useAdobeID: true }, [userSteps.removeFromOrg(false)])),
    ]);
    expect(userIn(emu(), "bob@example.com")).toBeUndefined();
    expect(userIn(emu(), "eve@gmail.com")).toBeUndefined();
    expect(actionBodies(emu())).toHaveLength(1);
  });

  it("succeeds for a user who is not in the org (documented)", async () => {
    const outcome = await clientFor(emu()).run(userCommand({ user: "ghost@example.com" }, [userSteps.removeFromOrg()]));
    expect(outcome.completed).toBe(true);
  });
});

const emails = (users: { email?: string }[]) => users.map((u) => u.email);
