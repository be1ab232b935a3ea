/** Reference §3: the query endpoints E2–E5 through the client, on small pages. */
import { beforeEach, describe, expect, it } from "vitest";
import { NotFoundError, type User } from "../../provider/umapi";
import { clientFor, collect, ORG, pathsOf, rejectionOf, useEmulator } from "./helpers";

// 7 users on pages of 2; 6 groups on pages of 4.
const { emu, fresh } = useEmulator({ pageSizes: { users: 2, groups: 4 } });
beforeEach(() => {
  fresh(ORG);
});

const emails = (users: User[]) => users.map((u) => u.email);
const groupsOf = (users: User[], email: string) => users.find((u) => u.email === email)?.groups;

describe("E2 users in the org: 0-based pages until lastPage (§3.2)", () => {
  it("walks every page once, with the paging headers", async () => {
    const client = clientFor(emu());
    const pages = await collect(client.usersPages());
    expect(pages.map((p) => ({ n: p.items.length, last: p.lastPage, total: p.totalCount, count: p.pageCount, current: p.currentPage }))).toEqual([
      { n: 2, last: false, total: 7, count: 4, current: 0 },
      { n: 2, last: false, total: 7, count: 4, current: 1 },
      { n: 2, last: false, total: 7, count: 4, current: 2 },
      { n: 1, last: true, total: 7, count: 4, current: 3 },
    ]);
    expect(pathsOf(emu(), "users")).toEqual([0, 1, 2, 3].map((p) => `/users/{orgId}/${p}?directOnly=true`));
    expect(emails(await collect(client.listUsers()))).toEqual(ORG.users!.map((u) => u.email));
  });

  it("a page past the end returns the last page again: iteration stops after it, never loops", async () => {
    const pages = await collect(clientFor(emu()).usersPages({ fromPage: 9 }));
    expect(pages).toHaveLength(1);
    expect(pages[0]).toMatchObject({ currentPage: 3, lastPage: true });
    expect(emails(pages[0]!.items)).toEqual(["fred@fed.example.com"]);
    expect(pathsOf(emu(), "users")).toEqual(["/users/{orgId}/9?directOnly=true"]);
  });

  it("fromPage continues a listing where it left off", async () => {
    const pages = await collect(clientFor(emu()).usersPages({ fromPage: 2 }));
    expect(pages.map((p) => p.currentPage)).toEqual([2, 3]);
  });

  it("domain= lists only that domain's users; a claimed domain without users is empty", async () => {
    const client = clientFor(emu());
    expect(emails(await collect(client.listUsers({ domain: "fed.example.com" })))).toEqual(["fred@fed.example.com"]);
    expect(emails(await collect(client.listUsers({ domain: "gmail.com" })))).toEqual(["eve@gmail.com"]);
    fresh({ ...ORG, domains: [...ORG.domains!, { name: "example.org", directory: "enterpriseID" }] });
    expect(await collect(client.listUsers({ domain: "example.org" }))).toEqual([]);
    expect(pathsOf(emu(), "users")).toEqual(["/users/{orgId}/0?domain=example.org&directOnly=true"]);
  });

  it("an unknown domain is a NotFoundError (404 error.domain.not_found)", async () => {
    const err = await rejectionOf(collect(clientFor(emu()).listUsers({ domain: "nowhere.example" })));
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err).toMatchObject({ status: 404, errorCode: "error.domain.not_found" });
  });
});

describe("directOnly: profiles held through user groups (§8.6)", () => {
  it("true (the default) lists user groups and direct profiles only", async () => {
    const users = await collect(clientFor(emu()).listUsers());
    expect(groupsOf(users, "carol@example.com")).toEqual(["_admin_Designers", "Designers"]);
    expect(groupsOf(users, "dave@example.com")).toEqual(["Shared Designers"]);
    expect(groupsOf(users, "eve@gmail.com")).toBeUndefined(); // omitted when empty, never []
  });

  it("false adds the product profiles of the user's groups", async () => {
    const users = await collect(clientFor(emu()).listUsers({ directOnly: false }));
    expect(groupsOf(users, "carol@example.com")).toEqual(["_admin_Designers", "Designers", "Photoshop Users"]);
    expect(groupsOf(users, "dave@example.com")).toEqual(["Acrobat Pro Users", "Shared Designers"]);
    expect(groupsOf(users, "alice@example.com")).toEqual(["Designers", "Photoshop Users"]); // both direct and indirect: listed once
    expect(pathsOf(emu(), "users")[0]).toBe("/users/{orgId}/0?directOnly=false");
  });
});

describe("E3 one user: case-insensitive, 404 means absent (§3.3)", () => {
  it("finds a user whatever the case of the email, and returns the stored case", async () => {
    const user = await clientFor(emu()).getUser("ALICE@Example.COM");
    expect(user).toMatchObject({ email: "alice@example.com", type: "enterpriseID", firstname: "First", groups: ["Designers", "Photoshop Users"] });
  });

  it("an unknown user is undefined, not an error", async () => {
    expect(await clientFor(emu()).getUser("nobody@example.com")).toBeUndefined();
    expect(emu().requests().find((r) => r.endpointClass === "user")!.status).toBe(404);
  });

  it("a non-email Federated username needs its domain", async () => {
    const client = clientFor(emu());
    expect(await client.getUser("fred", { domain: "fed.example.com" })).toMatchObject({ username: "fred", email: "fred@fed.example.com", type: "federatedID" });
    expect(await client.getUser("fred")).toBeUndefined();
    expect(pathsOf(emu(), "user")).toEqual(["/organizations/{orgId}/users/fred?domain=fed.example.com", "/organizations/{orgId}/users/fred"]);
  });

  it("domain=AdobeID picks the Adobe ID", async () => {
    expect(await clientFor(emu()).getUser("eve@gmail.com", { domain: "AdobeID" })).toMatchObject({ type: "adobeID", domain: "gmail.com" });
  });
});

describe("E4 users in a group: directOnly, status, excludeGroups; unknown group is empty (§3.4)", () => {
  it("lists a profile's direct members by default, and its indirect ones with directOnly=false, over pages", async () => {
    const client = clientFor(emu());
    expect(emails(await collect(client.listUsersInGroup("Photoshop Users")))).toEqual(["alice@example.com", "bob@example.com"]);
    expect(emails(await collect(client.listUsersInGroup("photoshop users", { directOnly: false })))).toEqual([
      "alice@example.com",
      "bob@example.com",
      "carol@example.com",
    ]);
    expect(pathsOf(emu(), "usersByGroup")).toEqual([
      "/users/{orgId}/0/Photoshop%20Users",
      "/users/{orgId}/0/photoshop%20users?directOnly=false",
      "/users/{orgId}/1/photoshop%20users?directOnly=false",
    ]);
  });

  it("status=active/inactive splits a profile's members by licence (2 licences, 3 members)", async () => {
    const client = clientFor(emu());
    expect(emails(await collect(client.listUsersInGroup("Photoshop Users", { directOnly: false, status: "active" })))).toEqual([
      "alice@example.com",
      "bob@example.com",
    ]);
    expect(emails(await collect(client.listUsersInGroup("Photoshop Users", { directOnly: false, status: "inactive" })))).toEqual(["carol@example.com"]);
  });

  it("excludeGroups=true omits each user's groups", async () => {
    const users = await collect(clientFor(emu()).listUsersInGroup("Designers", { excludeGroups: true }));
    expect(emails(users)).toEqual(["alice@example.com", "carol@example.com"]);
    expect(users.every((u) => u.groups === undefined)).toBe(true);
  });

  it("lists admin groups' members; an admin group nobody holds yet is empty", async () => {
    const client = clientFor(emu());
    expect(emails(await collect(client.listUsersInGroup("_org_admin")))).toEqual(["owner@example.com"]);
    expect(emails(await collect(client.listUsersInGroup("_admin_Designers")))).toEqual(["carol@example.com"]);
    expect(await collect(client.listUsersInGroup("_admin_Shared Designers"))).toEqual([]);
  });

  it("an unknown group is an empty list (UMAPI answers 404 error.group.not_found)", async () => {
    expect(await collect(clientFor(emu()).listUsersInGroup("No Such Group"))).toEqual([]);
    expect(emu().requests().filter((r) => r.endpointClass === "usersByGroup").map((r) => r.status)).toEqual([404]);
  });
});

describe("E5 groups: user groups, product profiles and admin groups, paged (§3.5)", () => {
  it("lists every kind of group with its documented fields", async () => {
    const client = clientFor(emu());
    const pages = await collect(client.groupsPages());
    expect(pages.map((p) => p.items.length)).toEqual([4, 2]);
    expect(pathsOf(emu(), "groups")).toEqual(["/groups/{orgId}/0", "/groups/{orgId}/1"]);
    expect(pages.flatMap((p) => p.items)).toMatchInlineSnapshot(`
      [
        {
          "groupId": 100000001,
          "groupName": "Photoshop Users",
          "licenseQuota": "2",
          "memberCount": 2,
          "productName": "Photoshop (<Single App - Enterprise>)",
          "type": "PRODUCT_PROFILE",
        },
        {
          "groupId": 100000002,
          "groupName": "Acrobat Pro Users",
          "licenseQuota": "50",
          "memberCount": 0,
          "productName": "Acrobat Pro",
          "type": "PRODUCT_PROFILE",
        },
        {
          "adminGroupName": "_admin_Designers",
          "groupId": 100000003,
          "groupName": "Designers",
          "memberCount": 2,
          "type": "USER_GROUP",
        },
        {
          "groupId": 100000004,
          "groupName": "Shared Designers",
          "isReadOnly": true,
          "memberCount": 1,
          "type": "USER_GROUP",
        },
        {
          "groupId": 100000005,
          "groupName": "_org_admin",
          "memberCount": 1,
          "type": "SYSADMIN_GROUP",
        },
        {
          "groupId": 100000006,
          "groupName": "_admin_Designers",
          "memberCount": 1,
          "type": "USER_ADMIN_GROUP",
          "userGroupName": "Designers",
        },
      ]
    `);
  });

  it("marks shared user groups isReadOnly", async () => {
    const groups = await collect(clientFor(emu()).listGroups());
    expect(groups.filter((g) => g.isReadOnly).map((g) => g.groupName)).toEqual(["Shared Designers"]);
  });

  it("a listing that fills its last page exactly ends there, without asking for an empty page", async () => {
    fresh({ ...ORG, userGroups: [...ORG.userGroups!, { name: "Reviewers" }, { name: "Writers" }] }); // 8 groups
    const client = clientFor(emu());
    expect(await collect(client.listGroups())).toHaveLength(8);
    expect(client.requestCounts.groups).toBe(2);
  });
});
