/**
 * The resources through the real CLI: up, a no-change preview, edits, drift and refresh, destroy —
 * each asserted on the emulator's org and request log.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStack, type TestStack } from "./harness";
import { UmapiClient } from "../../provider/umapi";

const PROGRAM = "test/e2e/programs/scenario";

/** The scenario value the program reads: resource names are the `name` keys, object names inside. */
function declare(edit: { groupName?: string; aliceEmail?: string; bobProfile?: string; aliceRole?: "userGroupAdmin" | "supportAdmin" } = {}) {
  const design = edit.groupName ?? "Design Team";
  const alice = edit.aliceEmail ?? "alice@example.com";
  return {
    groups: [
      { resource: "design", name: design, description: "Designers" },
      { resource: "reviewers", name: "Reviewers" },
    ],
    users: [
      { resource: "alice", identityType: "enterpriseID", email: alice, firstName: "Alice", lastName: "Anders", country: "US", groups: ["Reviewers"] },
      { resource: "bob", identityType: "federatedID", email: "bob@fed.example.com", firstName: "Bob", lastName: "Berg", country: "DE" },
      { resource: "carol", identityType: "adobeID", email: "carol@gmail.com" },
    ],
    memberships: [{ resource: "bob-profile", user: "bob@fed.example.com", group: edit.bobProfile ?? "Photoshop Users" }],
    profiles: [{ resource: "design-all-apps", group: design, productProfile: "Default All Apps plan - 100 GB configuration" }],
    roles: [
      edit.aliceRole === "supportAdmin"
        ? { resource: "alice-admin", user: alice, role: "supportAdmin" }
        : { resource: "alice-admin", user: alice, role: "userGroupAdmin", target: design },
    ],
  };
}

describe("resources end to end through the real pulumi CLI", () => {
  let t: TestStack;
  let seedState: ReturnType<TestStack["emulator"]["state"]>;

  beforeAll(async () => {
    t = await createStack({ program: PROGRAM });
    seedState = t.emulator.state();
    await t.setScenario(declare());
  }, 600_000);
  afterAll(async () => t?.dispose());

  it("up creates the declared org", async () => {
    const res = await t.up();
    expect(res.summary.result).toBe("succeeded");
    const state = t.emulator.state();
    const alice = state.users.find((u) => u.email === "alice@example.com");
    expect(alice).toMatchObject({ type: "enterpriseID", firstname: "Alice", country: "US" });
    expect(alice!.groups).toEqual(expect.arrayContaining(["Reviewers", "_admin_Design Team"]));
    expect(state.users.find((u) => u.email === "bob@fed.example.com")!.groups).toContain("Photoshop Users");
    expect(state.users.find((u) => u.email === "carol@gmail.com")).toMatchObject({ type: "adobeID" });
    const design = state.groups.find((g) => g.groupName === "Design Team");
    expect(design).toMatchObject({ type: "USER_GROUP" });
  }, 300_000);

  it("one UMAPI client serves every resource type in the provider process", () => {
    // One token for the whole run, whatever the number of resource kinds (each has its own
    // serialized provider text): the client, its limiter and its snapshot are shared.
    expect(t.emulator.metrics().requests.ims).toBe(1);
  });

  it("a no-change preview shows no changes and sends no UMAPI request", async () => {
    t.emulator.resetMetrics();
    const res = await t.preview();
    expect(Object.keys(res.changeSummary).filter((k) => k !== "same")).toEqual([]);
    expect(t.emulator.metrics().requests.total).toBe(0);
  });

  it("a no-change up changes nothing and sends no UMAPI request", async () => {
    t.emulator.resetMetrics();
    const res = await t.up();
    expect(Object.keys(res.summary.resourceChanges ?? {}).filter((k) => k !== "same")).toEqual([]);
    expect(t.emulator.metrics().requests.total).toBe(0);
  }, 120_000);

  it("stores no credential in the state", async () => {
    const exported = await t.exportedState();
    expect(exported).not.toContain(t.emulator.clientSecret);
    expect(exported).not.toMatch(/Bearer|access_token/);
  });

  it("renaming a group is an update that keeps its id, members and profiles", async () => {
    const groupId = t.emulator.state().groups.find((g) => g.groupName === "Design Team")!.groupId;
    await t.setScenario(declare({ groupName: "Design Studio" }));
    expect((await t.up()).summary.result).toBe("succeeded");
    const state = t.emulator.state();
    expect(state.groups.find((g) => g.groupName === "Design Team")).toBeUndefined();
    expect(state.groups.find((g) => g.groupName === "Design Studio")).toMatchObject({ groupId, productProfiles: ["Default All Apps plan - 100 GB configuration"] });
    expect(state.users.find((u) => u.email === "alice@example.com")!.groups).toContain("_admin_Design Studio");
  }, 300_000);

  it("changing a membership and a role moves the edges", async () => {
    await t.setScenario(declare({ groupName: "Design Studio", bobProfile: "Acrobat Pro Users", aliceRole: "supportAdmin" }));
    expect((await t.up()).summary.result).toBe("succeeded");
    const state = t.emulator.state();
    const alice = state.users.find((u) => u.email === "alice@example.com")!;
    expect(alice.groups).toContain("_support_admin");
    expect(alice.groups).not.toContain("_admin_Design Studio");
    const bob = state.users.find((u) => u.email === "bob@fed.example.com")!;
    expect(bob.groups).toContain("Acrobat Pro Users");
    expect(bob.groups).not.toContain("Photoshop Users");
  }, 300_000);

  it("changing a user's email renames the same Adobe account", async () => {
    const id = t.emulator.state().users.find((u) => u.email === "alice@example.com")!.id;
    await t.setScenario(declare({ groupName: "Design Studio", bobProfile: "Acrobat Pro Users", aliceRole: "supportAdmin", aliceEmail: "alice.anders@example.com" }));
    const res = await t.up();
    expect(res.summary.result).toBe("succeeded");
    expect(res.summary.resourceChanges).not.toHaveProperty("create");
    const state = t.emulator.state();
    expect(state.users.find((u) => u.email === "alice@example.com")).toBeUndefined();
    expect(state.users.find((u) => u.email === "alice.anders@example.com")).toMatchObject({ id, groups: expect.arrayContaining(["Reviewers"]) });
  }, 300_000);

  it("refresh notices an out-of-band change and the next preview shows the drift", async () => {
    const admin = new UmapiClient({ orgId: t.emulator.orgId, clientId: t.emulator.clientId, clientSecret: t.emulator.clientSecret, umapiUrl: t.emulator.umapiUrl, imsUrl: t.emulator.imsUrl, rateLimits: false });
    await admin.run({ user: "bob@fed.example.com", do: [{ remove: { group: ["Acrobat Pro Users"] } }] });
    await t.refresh();
    const res = await t.preview();
    expect(res.changeSummary.create).toBe(1);
    await t.up();
    expect(t.emulator.state().users.find((u) => u.email === "bob@fed.example.com")!.groups).toContain("Acrobat Pro Users");
  }, 300_000);

  it("destroy leaves the org as it was before the first up", async () => {
    await t.destroy();
    const strip = (s: typeof seedState) => ({ users: s.users.map((u) => ({ ...u, id: undefined })), groups: s.groups.map((g) => ({ ...g, memberCount: undefined })) });
    expect(strip(t.emulator.state())).toEqual(strip(seedState));
  }, 300_000);
});
