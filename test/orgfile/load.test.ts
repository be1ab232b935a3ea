/**
 * Loading org.yaml: every problem is reported at once, as `file:line:column path: message`, with the
 * resources' own rules for fields and the whole-file cross-checks.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadOrgFile, parseOrgFile } from "../../provider";
import { problems } from "./fixtures";

const REPO = path.resolve(__dirname, "../..");

const ALICE = `
  - email: alice@example.com
    firstName: Alice
    lastName: Anders`;

describe("a valid file", () => {
  it("loads the example, with identityType defaulting to enterpriseID", () => {
    const org = loadOrgFile(path.join(REPO, "examples/org-from-yaml/org.yaml"));
    expect(org.settings).toEqual({ adopt: false, removalBudget: 2 });
    expect(org.users?.map((u) => `${u.email} ${u.identityType}`)).toEqual([
      "alice@example.com enterpriseID",
      "bob@example.com enterpriseID",
      "frank@example.com enterpriseID",
      "carol@fed.example.com federatedID",
      "dan.diaz@fed.example.com federatedID",
      "erin.external@gmail.com adobeID",
    ]);
    expect(org.users?.[2]?.adminRoles).toEqual(["supportAdmin", { role: "productProfileAdmin", target: "Photoshop Users" }]);
    expect(org.userGroups?.[1]).toMatchObject({ name: "Marketing", admins: ["frank@example.com"], members: ["carol@fed.example.com", "dan.diaz@fed.example.com"] });
  });

  it("may name users in admins, members and role targets that it does not declare", () => {
    const org = parseOrgFile(`userGroups:\n  - name: Design Team\n    admins: [boss@example.com]\n    members: [someone@example.com]\n`);
    expect(org.userGroups?.[0]?.members).toEqual(["someone@example.com"]);
  });

  it("may be an empty mapping (an org file that declares nothing)", () => {
    expect(parseOrgFile("{}\n")).toEqual({});
  });
});

describe("field rules are the resources' own checks", () => {
  it("country must be an upper-case ISO code", () => {
    expect(problems(`users:${ALICE}\n    country: us\n`)).toEqual([
      'org.yaml:5:14 users[0].country: must be an upper-case ISO 3166-1 alpha-2 code such as "US" or "DE"',
    ]);
  });

  it("a Federated ID needs a country: the problem points at the user", () => {
    expect(problems(`users:\n  - email: fed@fed.example.com\n    identityType: federatedID\n    firstName: F\n    lastName: D\n`)).toEqual([
      `org.yaml:2:5 users[0].country: is required for Federated IDs (UMAPI's createFederatedID needs it); set an ISO code such as "US"`,
    ]);
  });

  it("groups must not hold a role UMAPI cannot assign", () => {
    expect(problems(`users:${ALICE}\n    groups: [Design Team, _org_admin]\n`)).toEqual([
      "org.yaml:5:27 users[0].groups[1]: is an admin role UMAPI cannot assign or remove (_org_admin, _compartment_admin, _compartment_viewer): grant it in the Admin Console instead",
    ]);
  });

  it("a user group name must not start with _", () => {
    expect(problems(`userGroups:\n  - name: _admins\n`)).toEqual(['org.yaml:2:11 userGroups[0].name: must not start with "_": UMAPI reserves such names for admin groups']);
  });

  it("adminRoles entries are known roles, with a target exactly when the role needs one", () => {
    expect(problems(`users:${ALICE}\n    adminRoles:\n      - orgAdmin\n      - userGroupAdmin\n      - { role: supportAdmin, target: Design Team }\n`)).toEqual([
      "org.yaml:6:9 users[0].adminRoles[0]: must be one of supportAdmin, deploymentAdmin, userGroupAdmin, productProfileAdmin, productAdmin, developer: System administrator (_org_admin) and the global-admin roles cannot be assigned through UMAPI (use the Admin Console)",
    ]);
    expect(problems(`users:${ALICE}\n    adminRoles:\n      - userGroupAdmin\n      - { role: supportAdmin, target: Design Team }\n`)).toEqual([
      "org.yaml:6:9 users[0].adminRoles[0].target: is required for role userGroupAdmin: the user group, product profile or product it administers",
      "org.yaml:7:39 users[0].adminRoles[1].target: is not used by role supportAdmin; remove it",
    ]);
  });

  it("removalBudget is a count or a percentage", () => {
    expect(problems(`settings:\n  removalBudget: 150%\n`)).toEqual(['org.yaml:2:18 settings.removalBudget: must be a percentage from 0% to 100%, e.g. "5%"']);
    expect(problems(`settings:\n  removalBudget: -1\n`)).toEqual(["org.yaml:2:18 settings.removalBudget: must not be negative"]);
  });
});

describe("structure", () => {
  it("an unknown field suggests the field meant", () => {
    expect(problems(`users:\n  - email: alice@example.com\n    firstname: Alice\n    lastName: Anders\n`)).toEqual([
      "org.yaml:2:5 users[0].firstName: is required to create an Enterprise ID",
      'org.yaml:3:5 users[0].firstname: is not a known field (fix: did you mean "firstName"?)',
    ]);
  });

  it("an unknown field with no close match lists the fields", () => {
    expect(problems(`userGroups:\n  - name: Design Team\n    owner: alice@example.com\n`)).toEqual([
      "org.yaml:3:5 userGroups[0].owner: is not a known field (fix: remove it; the fields here are name, description, adopt, productProfiles, admins, members, renamedFrom)",
    ]);
  });

  it("a value of the wrong type says what was expected and found", () => {
    expect(problems(`users:\n  - email: 42\n  - just-a-string\n`)).toEqual([
      "org.yaml:2:12 users[0].email: must be a string (got number 42)",
      'org.yaml:3:5 users[1]: must be a mapping (key: value) (got the string "just-a-string")',
    ]);
  });

  it("a missing required field points at its mapping", () => {
    expect(problems(`userGroups:\n  - description: no name\n`)).toEqual(["org.yaml:2:5 userGroups[0].name: is required"]);
  });

  it("the file must be a mapping, and not empty", () => {
    expect(problems("")).toEqual(["org.yaml:1:1 the file is empty (fix: declare users: and userGroups:, or start from the output of umapi-export)"]);
    expect(problems("- alice@example.com\n")).toEqual(["org.yaml:1:1 the file must be a mapping with settings:, users: and userGroups: (got a list)"]);
  });
});

describe("YAML syntax errors", () => {
  it("are reported with their line and column, before any other check", () => {
    expect(problems(`users:\n  - email: alice@example.com\n   firstName: [Alice\n`)).toEqual([
      "org.yaml:3:1 YAML syntax: Sequence item without - indicator",
      "org.yaml:4:1 YAML syntax: Flow sequence in block collection must be sufficiently indented and end with a ]",
    ]);
  });

  it("include a key given twice", () => {
    expect(problems(`users:${ALICE}\n    lastName: Again\n`)).toEqual(["org.yaml:5:5 YAML syntax: Map keys must be unique"]);
  });
});

describe("the error", () => {
  it("lists every problem, in file order, under one line naming the file", () => {
    const text = `users:\n  - email: a@example.com\n    firstName: A\n    lastName: B\n    country: us\n  - email: b@example.com\n    identityType: federatedID\n    country: DE\n`;
    expect(() => parseOrgFile(text, "orgs/prod.yaml")).toThrowErrorMatchingInlineSnapshot(`
      [OrgFileError: orgs/prod.yaml is not a valid org file (3 problems):
      orgs/prod.yaml:5:14 users[0].country: must be an upper-case ISO 3166-1 alpha-2 code such as "US" or "DE"
      orgs/prod.yaml:6:5 users[1].firstName: is required to create a Federated ID
      orgs/prod.yaml:6:5 users[1].lastName: is required to create a Federated ID]
    `);
  });

  it("for a missing file says how to create one", () => {
    expect(() => loadOrgFile(path.join(REPO, "no-such-org.yaml"), { displayName: "no-such-org.yaml" })).toThrowErrorMatchingInlineSnapshot(`[Error: Org file no-such-org.yaml not found. Create it (start from examples/org-from-yaml/org.yaml, or run \`npx umapi-export --out no-such-org.yaml\` to export the live org), or point the stack config orgFile at another file]`);
  });
});
