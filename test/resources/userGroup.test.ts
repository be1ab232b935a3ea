import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { clientFor } from "../integration/helpers";
import { newProcess, startOrg, type Org } from "./helpers";

let org: Org;
beforeEach(async () => void (org = await startOrg()));
afterEach(async () => org.emulator.close());

describe("UserGroup", () => {
  it("creates a group and reads it back with its id", async () => {
    const { id, outs } = await org.host.create("UserGroup", { name: "Design Team", description: "Designers" });
    expect(id).toBe("Design Team");
    newProcess(org);
    const read = await org.host.read("UserGroup", id, outs);
    expect(read).toMatchObject({ id, props: { name: "Design Team", description: "Designers", groupId: org.group("Design Team")!.groupId } });
  });

  it("renames in place: a rename is an update, the group id stays", async () => {
    const { id, outs } = await org.host.create("UserGroup", { name: "Design Team" });
    const groupId = org.group("Design Team")!.groupId;
    expect(await org.host.diff("UserGroup", id, outs, { name: "Design Studio" })).toEqual({ changes: true });
    await org.host.update("UserGroup", id, outs, { name: "Design Studio", description: "Renamed" });
    expect(org.group("Design Team")).toBeUndefined();
    expect(org.group("Design Studio")).toMatchObject({ groupId, description: "Renamed" });
  });

  it("refuses a read-only shared group with a clear message", async () => {
    await expect(org.host.create("UserGroup", { name: "Shared Designers", adopt: true })).rejects.toThrow(
      'UserGroup "Shared Designers": is a read-only user group shared from another organization: UMAPI refuses to rename, delete or change its members',
    );
  });

  it("refuses to take over a product profile", async () => {
    await expect(org.host.create("UserGroup", { name: "Photoshop Users", adopt: true })).rejects.toThrow("exists as a PRODUCT_PROFILE, not a user group");
  });

  it("deletes, and a delete of a group already gone succeeds", async () => {
    const { id, outs } = await org.host.create("UserGroup", { name: "Temp" });
    await org.host.remove("UserGroup", id, outs);
    expect(org.group("Temp")).toBeUndefined();
    newProcess(org);
    await org.host.remove("UserGroup", id, outs);
    expect(await org.host.read("UserGroup", id, outs)).toEqual({ id: "" });
  });
});

describe("UserGroupProductProfile", () => {
  it("attaches a profile to a user group, also to a read-only shared one", async () => {
    await org.host.create("UserGroup", { name: "Team" });
    const { id, outs } = await org.host.create("UserGroupProductProfile", { group: "Team", productProfile: "Acrobat Pro Users" });
    expect(org.group("Team")!.productProfiles).toEqual(["Acrobat Pro Users"]);
    await org.host.create("UserGroupProductProfile", { group: "Shared Designers", productProfile: "Acrobat Pro Users" });
    expect(org.group("Shared Designers")!.productProfiles).toContain("Acrobat Pro Users");
    await org.host.remove("UserGroupProductProfile", id, outs);
    expect(org.group("Team")!.productProfiles ?? []).toEqual([]);
  });

  describe("refresh", () => {
    /** Team with two profiles, owner@example.com in it; then `admin` acts as the Admin Console does. */
    async function attachTwo() {
      await org.host.create("UserGroup", { name: "Team" });
      const acrobat = await org.host.create("UserGroupProductProfile", { group: "Team", productProfile: "Acrobat Pro Users" });
      const photoshop = await org.host.create("UserGroupProductProfile", { group: "Team", productProfile: "Photoshop Users" });
      return { acrobat, photoshop, admin: clientFor(org.emulator) };
    }
    const readBoth = (a: { id: string; outs: Record<string, unknown> }, b: { id: string; outs: Record<string, unknown> }) =>
      Promise.all([org.host.read("UserGroupProductProfile", a.id, a.outs), org.host.read("UserGroupProductProfile", b.id, b.outs)]);

    it("sees a profile taken off a group that has members, with one member list read for all the group's profiles", async () => {
      const { acrobat, photoshop, admin } = await attachTwo();
      await admin.run({ user: "owner@example.com", do: [{ add: { group: ["Team"] } }] });
      await admin.run({ usergroup: "Team", do: [{ remove: { productConfiguration: ["Photoshop Users"] } }] });
      newProcess(org);
      org.emulator.resetMetrics();
      const [kept, taken] = await readBoth(acrobat, photoshop);
      expect(kept).toMatchObject({ id: acrobat.id, props: { group: "Team", productProfile: "Acrobat Pro Users" } });
      expect(taken).toEqual({ id: "" });
      expect(org.emulator.metrics().requests.usersByGroup).toBe(1);
    });

    it("cannot tell for a group without members, or when every member holds the profile otherwise: both are kept", async () => {
      const { acrobat, photoshop, admin } = await attachTwo();
      await admin.run({ usergroup: "Team", do: [{ remove: { productConfiguration: ["Photoshop Users"] } }] });
      newProcess(org);
      org.emulator.resetMetrics();
      expect((await readBoth(acrobat, photoshop)).map((r) => r.id)).toEqual([acrobat.id, photoshop.id]);
      expect(org.emulator.metrics().requests.usersByGroup).toBe(0);

      // The only member holds Photoshop directly: what the group gives cannot be told apart.
      await admin.run({ user: "owner@example.com", do: [{ add: { group: ["Team", "Photoshop Users"] } }] });
      newProcess(org);
      expect((await readBoth(acrobat, photoshop)).map((r) => r.id)).toEqual([acrobat.id, photoshop.id]);
    });
  });
});
