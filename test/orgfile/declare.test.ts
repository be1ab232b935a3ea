/**
 * declareOrg under Pulumi's mocks: one resource per object of the file, named stably after it,
 * with the arguments the provider needs (settings.adopt, edges by username for non-email logins).
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
  const all = [...d.users.values(), ...d.userGroups.values(), ...d.productProfiles, ...d.adminRoles, ...d.groupMembers];
  return new Promise((resolve) => void pulumi.all(all.map((r) => r.urn)).apply(() => resolve()));
}

describe("declareOrg", () => {
  it("declares one resource per user, group, profile, role and member list, named after them", async () => {
    const declared = declareOrg(parseOrgFile(ORG));
    await registeredAll(declared);
    expect([...declared.users.keys()]).toEqual(["alice@example.com", "dan@fed.example.com"]);
    expect(registered.map((r) => `${r.type} ${r.name}`).sort()).toEqual([
      "AdminRoleAssignment role:alice@example.com:_admin_photoshop users",
      "AdminRoleAssignment role:alice@example.com:_support_admin",
      "AdminRoleAssignment role:dan@fed.example.com:_admin_design team",
      "AdminRoleAssignment role:outsider@example.com:_admin_design team",
      "AdobeUser user:alice@example.com",
      "AdobeUser user:dan@fed.example.com",
      "GroupMembers members:marketing",
      "UserGroup group:design team",
      "UserGroup group:marketing",
      "UserGroupProductProfile profile:design team:photoshop users",
    ]);
  });

  it("passes settings.adopt to users and groups, and the user's fields without the file-only ones", () => {
    const byName = (n: string) => registered.find((r) => r.name === n)!.inputs;
    expect(byName("user:alice@example.com")).toEqual({ identityType: "enterpriseID", email: "Alice@Example.com", firstName: "Alice", lastName: "Anders", groups: ["Design Team"], adopt: true });
    expect(byName("group:design team")).toEqual({ name: "Design Team", description: "Designers", adopt: true });
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
    expect(names).toContain("AdobeUser user:zoe@example.com");
    expect(names).toContain("GroupMembers members:sales");
    // 10 resources in slices of 2: the loop turned between slices.
    expect(turns).toBeGreaterThanOrEqual(4);
  });
});
