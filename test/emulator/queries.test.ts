/** Reference §3: E2 users, E3 one user, E4 users by group, E5 groups. */
import { beforeEach, describe, expect, it } from "vitest";
import { enterprise, seedWith, useEmulator } from "./helpers";

const seed = seedWith({
  userGroups: [
    { name: "Designers", description: "design team", productProfiles: ["Photoshop Users"] },
    { name: "Shared Team", readOnly: true },
  ],
  users: [
    enterprise("alice@example.com", ["Designers", "Photoshop Users"]),
    enterprise("bob@example.com", ["Designers", "_admin_Designers"]),
    enterprise("carol@example.com", ["Photoshop Users"]),
    { type: "federatedID", email: "dave@fed.example.com", username: "dave", domain: "fed.example.com", firstname: "Dave", lastname: "Fed", country: "DE", groups: ["Acrobat Pro Users"] },
    { type: "adobeID", email: "eve@gmail.com", groups: ["_support_admin"] },
    enterprise("Frank@example.com"),
  ],
});

const { fresh, api } = useEmulator({ pageSizes: { users: 2, groups: 3 } });
beforeEach(() => {
  fresh(seed);
});

describe("paging (reference §3.1, §3.2)", () => {
  it("pages are 0-based and carry X-Total-Count, X-Page-Count, X-Current-Page and X-Page-Size as strings", async () => {
    const res = await api().users(1);
    expect(res.status).toBe(200);
    expect(Object.fromEntries([...res.headers].filter(([k]) => k.startsWith("x-") && k !== "x-request-id"))).toEqual({
      "x-total-count": "6",
      "x-page-count": "3",
      "x-current-page": "1",
      "x-page-size": "2",
    });
    expect(res.body.lastPage).toBe(false);
    expect(res.body.users.map((u) => u.email)).toEqual(["carol@example.com", "dave@fed.example.com"]);
  });

  it("a page past the end returns the last page", async () => {
    const res = await api().users(99);
    expect(res.headers.get("x-current-page")).toBe("2");
    expect(res.body.lastPage).toBe(true);
    expect(res.body.users.map((u) => u.email)).toEqual(["eve@gmail.com", "Frank@example.com"]);
  });

  it("a page that is not a number is a 400", async () => {
    expect((await api().users("first")).status).toBe(400);
  });
});

describe("E2 users in the org (reference §3.2)", () => {
  it("filters by domain and answers 404 for a domain the org does not know", async () => {
    const fed = await api().users(0, "?domain=FED.example.com");
    expect(fed.body.users.map((u) => u.username)).toEqual(["dave"]);
    expect((await api().users(0, "?domain=nowhere.test")).status).toBe(404);
  });

  it("omits empty fields and an empty groups array; never sends null", async () => {
    const res = await api().users(2);
    expect(res.body.users).toEqual([
      { id: expect.any(String), email: "eve@gmail.com", status: "active", groups: ["_support_admin"], username: "eve@gmail.com", domain: "gmail.com", type: "adobeID" },
      { id: expect.any(String), email: "Frank@example.com", status: "active", username: "Frank@example.com", domain: "example.com", firstname: "First", lastname: "Last", country: "US", type: "enterpriseID" },
    ]);
  });
});

describe("directOnly (reference §8.6)", () => {
  it("by default lists only direct product profiles; directOnly=false (or False) adds those from user groups", async () => {
    const direct = await api().users(0);
    expect(direct.body.users[1]).toMatchObject({ email: "bob@example.com", groups: ["_admin_Designers", "Designers"] });
    for (const flag of ["false", "False"]) {
      const all = await api().users(0, `?directOnly=${flag}`);
      expect(all.body.users[1]!.groups).toEqual(["_admin_Designers", "Designers", "Photoshop Users"]);
    }
  });
});

describe("E3 one user (reference §3.3)", () => {
  it("finds a user case-insensitively and returns the email as created", async () => {
    const res = await api().user("FRANK@EXAMPLE.COM");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ result: "success", user: { email: "Frank@example.com", type: "enterpriseID" } });
  });

  it("finds a non-email Federated ID by username and domain", async () => {
    const res = await api().user("DAVE", "?domain=fed.example.com");
    expect(res.body.user).toMatchObject({ email: "dave@fed.example.com", username: "dave", groups: ["Acrobat Pro Users"] });
  });

  it("answers 404 error.user.not_found with Adobe's message", async () => {
    const res = await api().user("nobody@example.com");
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ result: "error.user.not_found", message: "User not found nobody@example.com" });
    expect(res.headers.get("canonical-resource")).toBe("/v2/usermanagement/organizations/{orgId}/users/{userstring:.*}");
  });
});

describe("E4 users by group (reference §3.4)", () => {
  it("lists the members of a user group, matching the name case-insensitively", async () => {
    const res = await api().groupUsers("designers");
    expect(res.body).toMatchObject({ lastPage: true, result: "success", groupName: "Designers" });
    expect(res.body.users.map((u) => u.email)).toEqual(["alice@example.com", "bob@example.com"]);
    expect(res.headers.get("x-total-count")).toBe("2");
  });

  it("with directOnly=false, each member of a user group lists the profiles it gets through its groups", async () => {
    const direct = await api().groupUsers("Designers");
    expect(direct.body.users.find((u) => u.email === "bob@example.com")!.groups).toEqual(["_admin_Designers", "Designers"]);
    const all = await api().groupUsers("Designers", 0, "?directOnly=false");
    expect(all.body.users.find((u) => u.email === "bob@example.com")!.groups).toEqual(["_admin_Designers", "Designers", "Photoshop Users"]);
  });

  it("lists direct members of a profile by default, and members through user groups with directOnly=false", async () => {
    const direct = await api().groupUsers("Photoshop Users");
    expect(direct.body.users.map((u) => u.email)).toEqual(["alice@example.com", "carol@example.com"]);
    const all = await api().allGroupUsers("Photoshop Users", "?directOnly=false");
    expect(all.map((u) => u.email).sort()).toEqual(["alice@example.com", "bob@example.com", "carol@example.com"]);
  });

  it("status=active are the members within licenseQuota (in licence order), status=inactive the rest", async () => {
    // Photoshop Users has licenseQuota "2": alice and carol (direct) hold the licences, bob (via Designers) does not.
    const active = await api().groupUsers("Photoshop Users", 0, "?directOnly=false&status=active");
    expect(active.body.users.map((u) => u.email)).toEqual(["alice@example.com", "carol@example.com"]);
    const inactive = await api().groupUsers("Photoshop Users", 0, "?directOnly=false&status=inactive");
    expect(inactive.body.users.map((u) => u.email)).toEqual(["bob@example.com"]);
  });

  it("excludeGroups=true omits each user's groups", async () => {
    const res = await api().groupUsers("Designers", 0, "?excludeGroups=true");
    expect(res.body.users.every((u) => u.groups === undefined)).toBe(true);
  });

  it("lists admin groups; an existing group without admins gives an empty list, not a 404", async () => {
    expect((await api().groupUsers("_admin_designers")).body.users.map((u) => u.email)).toEqual(["bob@example.com"]);
    expect((await api().groupUsers("_support_admin")).body.users.map((u) => u.email)).toEqual(["eve@gmail.com"]);
    const empty = await api().groupUsers("_admin_Shared Team");
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({ groupName: "_admin_Shared Team", users: [] });
    expect((await api().groupUsers("_product_admin_Acrobat Pro")).status).toBe(200);
    expect((await api().groupUsers("_developer_Photoshop Users")).status).toBe(200);
  });

  it("answers 404 error.group.not_found for an unknown group or an admin group of an unknown group", async () => {
    for (const name of ["Nope", "_admin_Nope", "_product_admin_No Such Product"]) {
      const res = await api().groupUsers(name);
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ lastPage: false, result: "error.group.not_found", message: `Not found: Group ${name}` });
    }
  });
});

describe("E5 groups (reference §3.5)", () => {
  it("lists user groups, product profiles and admin groups that have members, with their fields", async () => {
    const pages = await Promise.all([0, 1].map((p) => api().groups(p)));
    expect(pages.map((p) => p.body.lastPage)).toEqual([false, true]);
    expect(pages[0]!.headers.get("x-page-count")).toBe("2");
    const groups = pages.flatMap((p) => p.body.groups).map(({ groupId, ...rest }) => {
      expect(groupId).toEqual(expect.any(Number));
      return rest;
    });
    expect(groups).toEqual([
      { groupName: "Photoshop Users", type: "PRODUCT_PROFILE", productName: "Photoshop (<Single App - Enterprise>)", licenseQuota: "2", memberCount: 2 },
      { groupName: "Acrobat Pro Users", type: "PRODUCT_PROFILE", productName: "Acrobat Pro", licenseQuota: "50", memberCount: 1 },
      { groupName: "Designers", type: "USER_GROUP", adminGroupName: "_admin_Designers", memberCount: 2 },
      { groupName: "Shared Team", type: "USER_GROUP", isReadOnly: true, memberCount: 0 },
      { groupName: "_admin_Designers", type: "USER_ADMIN_GROUP", userGroupName: "Designers", memberCount: 1 },
      { groupName: "_support_admin", type: "SUPPORT_ADMIN_GROUP", memberCount: 1 },
    ]);
  });

  it("the default org has the documented profiles, the shared group and the org admin", async () => {
    const res = await fresh().groups(0);
    expect(res.body.groups.map((g) => [g.groupName, g.type])).toEqual([
      ["Default All Apps plan - 100 GB configuration", "PRODUCT_PROFILE"],
      ["Photoshop Users", "PRODUCT_PROFILE"],
      ["Acrobat Pro Users", "PRODUCT_PROFILE"],
    ]);
    const state = api().emu.state();
    expect(state.users).toEqual([
      { id: expect.any(String), type: "enterpriseID", email: "owner@example.com", username: "owner@example.com", domain: "example.com", firstname: "Olivia", lastname: "Owner", country: "US", status: "active", groups: ["_org_admin"] },
    ]);
    expect(state.groups.find((g) => g.groupName === "_org_admin")).toMatchObject({ type: "SYSADMIN_GROUP", memberCount: 1 });
    expect(state.groups.find((g) => g.groupName === "Shared Designers")).toMatchObject({ isReadOnly: true, productProfiles: ["Photoshop Users"] });
  });
});

describe("routes (reference §2.1)", () => {
  it("answers 404 for paths UMAPI does not serve and 405 for the wrong method", async () => {
    expect((await api().get(`/nothing/${api().emu.orgId}`)).status).toBe(404);
    const post = await fetch(`${api().emu.umapiUrl}/groups/${api().emu.orgId}/0`, { method: "POST", headers: api().headers() });
    expect(post.status).toBe(405);
  });

  it("accepts a trailing slash after the action path and Pragma sync headers", async () => {
    const res = await fetch(`${api().emu.umapiUrl}/action/${api().emu.orgId}/`, {
      method: "POST",
      headers: api().headers({ "content-type": "application/json; charset=utf-8", pragma: "umapi-sync-start" }),
      body: JSON.stringify([{ user: "Frank@example.com", do: [{ add: { group: ["Designers"] } }] }]),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { result: string }).result).toBe("success");
  });
});
