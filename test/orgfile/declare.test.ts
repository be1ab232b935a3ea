/**
 * declareOrg under Pulumi's mocks: users in AdobeUsers sets (each user in the set its email hashes
 * to, or the one the last update's plan basis recorded), one resource per other object, named
 * stably after it, with the arguments the provider needs (settings.adopt, edges by username for
 * non-email logins, the hints check reads).
 */
import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import { declareOrg, declareOrgInSlices, parseOrgFile, type DeclaredOrg } from "../../provider";

interface Registered {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}

const registered: Registered[] = [];

beforeAll(() => {
  pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        const { __provider, ...inputs } = args.inputs as Record<string, unknown>;
        void __provider;
        registered.push({ type: args.type.split(":").at(-1)!, name: args.name, inputs });
        return { id: `${args.name}-id`, state: args.inputs };
      },
      call: () => ({}),
    },
    "org",
    "test",
    true,
  );
});

const ORG = `
settings: { adopt: true }
users:
  - email: Alice@Example.com
    firstName: Alice
    lastName: Anders
    groups: [Design Team]
    adminRoles: [supportAdmin, { role: productProfileAdmin, target: Photoshop Users }]
    protect: true
  - email: dan@fed.example.com
    identityType: federatedID
    username: ddiaz
    domain: fed.example.com
    firstName: Dan
    lastName: Diaz
    country: ES
userGroups:
  - name: Design Team
    description: Designers
    productProfiles: [Photoshop Users]
    admins: [dan@fed.example.com, outsider@example.com]
  - name: Marketing
    members: [dan@fed.example.com]
`;

/** Resolves once every resource is registered (a URN is known after its registration). */
function registeredAll(d: DeclaredOrg): Promise<void> {
  const all = [...d.userSets, ...d.userGroups.values(), ...d.productProfiles, ...d.adminRoles, ...d.groupMembers];
  return new Promise((resolve) => void pulumi.all(all.map((r) => r.urn)).apply(() => resolve()));
}

describe("declareOrg", () => {
  it("declares users in sets, and one resource per group, profile, role and member list, named after them", async () => {
    const declared = declareOrg(parseOrgFile(ORG));
    await registeredAll(declared);
    expect([...declared.users.keys()]).toEqual(["alice@example.com", "dan@fed.example.com"]);
    expect(registered.map((r) => `${r.type} ${r.name}`).sort()).toEqual([
      "AdminRoleAssignment role:alice@example.com:_admin_photoshop users",
      "AdminRoleAssignment role:alice@example.com:_support_admin",
      "AdminRoleAssignment role:dan@fed.example.com:_admin_design team",
      "AdminRoleAssignment role:outsider@example.com:_admin_design team",
      "AdobeUsers users:06",
      "AdobeUsers users:08",
      "GroupMembers members:marketing",
      "UserGroup group:design team",
      "UserGroup group:marketing",
      "UserGroupProductProfile profile:design team:photoshop users",
    ]);
  });

  it("passes settings.adopt to users and groups, the user's fields, protect and the hints check reads", () => {
    const byName = (n: string) => registered.find((r) => r.name === n)!.inputs;
    expect(byName("users:06")).toEqual({
      users: {
        "alice@example.com": {
          identityType: "enterpriseID",
          email: "Alice@Example.com",
          firstName: "Alice",
          lastName: "Anders",
          groups: ["Design Team"],
          adopt: true,
          protect: true,
          declaredGroups: ["_admin_Photoshop Users", "_support_admin"],
        },
      },
    });
    expect(byName("users:08")).toMatchObject({ users: { "dan@fed.example.com": { username: "ddiaz", domain: "fed.example.com", declaredGroups: ["Marketing", "_admin_Design Team"] } } });
    expect(byName("group:design team")).toEqual({ name: "Design Team", description: "Designers", adopt: true, declaredMembers: ["Alice@Example.com"] });
    expect(byName("members:marketing")).toEqual({ group: "Marketing", users: ["dan@fed.example.com"] });
  });

  it("names a declared non-email Federated ID by username and domain in its edges", () => {
    const role = registered.find((r) => r.name === "role:dan@fed.example.com:_admin_design team")!.inputs;
    expect(role).toEqual({ user: "ddiaz", userDomain: "fed.example.com", role: "userGroupAdmin", target: "Design Team" });
    const outsider = registered.find((r) => r.name === "role:outsider@example.com:_admin_design team")!.inputs;
    expect(outsider).toEqual({ user: "outsider@example.com", role: "userGroupAdmin", target: "Design Team" });
  });
});

describe("declareOrgInSlices", () => {
  it("declares the same resources, a slice at a time, letting the event loop run between slices", async () => {
    const before = registered.length;
    let turns = 0;
    let done = false;
    const spin = () => void (done || (turns++, setImmediate(spin)));
    setImmediate(spin);
    const pending = declareOrgInSlices(parseOrgFile(ORG.replaceAll("Alice", "Zoe").replaceAll("dan@", "dave@").replaceAll("ddiaz", "dave").replace("Design Team\n    description", "Design Team 2\n    description").replace("name: Marketing", "name: Sales")), { sliceSize: 2 });
    const declared = await pending;
    done = true;
    await registeredAll(declared);
    const names = registered.slice(before).map((r) => `${r.type} ${r.name}`);
    expect(names).toHaveLength(10);
    expect(names.filter((n) => n.startsWith("AdobeUsers users:"))).toHaveLength(2);
    expect(names).toContain("GroupMembers members:sales");
    // 10 resources in slices of 2: the loop turned between slices.
    expect(turns).toBeGreaterThanOrEqual(4);
  });
});

describe("user sets", () => {
  const TWO = "users:\n  - email: a@example.com\n    firstName: A\n    lastName: A\n  - email: b@example.com\n    firstName: B\n    lastName: B\n    renamedFrom: old-b@example.com\n";

  it("keep each user in the set the last update's plan basis recorded, and a renamed user in its earlier email's", async () => {
    const umapiPlan = { version: 1, resources: { "users:41": ["AdobeUsers", { users: { "a@example.com": {}, "old-b@example.com": {} } }] } };
    const before = registered.length;
    const declared = declareOrg(parseOrgFile(TWO), { previousOutputs: { umapiPlan } });
    await registeredAll(declared);
    const sets = registered.slice(before).filter((r) => r.type === "AdobeUsers");
    expect(sets.map((r) => r.name)).toEqual(["users:41"]);
    expect(Object.keys(sets[0]!.inputs.users as object)).toEqual(["a@example.com", "b@example.com"]);
  });

  it("adopt the users a stack managed with one resource each (before 0.3): they are its own", async () => {
    const before = registered.length;
    const declared = declareOrg(parseOrgFile(TWO), { previousOutputs: { managedUsers: ["a@example.com"] } });
    await registeredAll(declared);
    const users = Object.assign({}, ...registered.slice(before).filter((r) => r.type === "AdobeUsers").map((r) => r.inputs.users)) as Record<string, { adopt?: boolean }>;
    expect(users["a@example.com"]!.adopt).toBe(true);
    expect(users["b@example.com"]!.adopt).toBeUndefined();
  });
});
