/**
 * The exporter against an in-process emulator: admin groups become adminRoles, what UMAPI cannot
 * assign or does not return is left out and said in comments, and the file loads.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { classify, exportOrg, parseOrgFile, UmapiClient } from "../../provider";
import { run } from "../../scripts/umapi-export";
import { clientOptions, EXPORT_SEED } from "./fixtures";

let emu: RunningEmulator;

beforeAll(async () => {
  emu = await startEmulator({ seed: EXPORT_SEED });
});
afterAll(async () => emu?.close());

describe("exportOrg", () => {
  it("writes every active user with memberships and admin roles, and says what it left out", async () => {
    const { text } = await exportOrg(new UmapiClient(clientOptions(emu)), { schema: "../schema/org.schema.json" });
    expect(text).toMatchInlineSnapshot(`
      "# yaml-language-server: $schema=../schema/org.schema.json

      # Exported from the Adobe org 0123456789ABCDEF01234567@AdobeOrg by umapi-export.
      # \`pulumi up\` with this file adopts the org as it is (settings.adopt) and changes nothing in it.

      # UMAPI does not return, so this file does not declare:
      # - user group descriptions: the groups endpoint has no description field. Add one and the next
      #   \`pulumi up\` sets it.
      # - the product profiles attached to each user group: UMAPI has no endpoint that lists them. List
      #   them under a group's productProfiles: to manage them from here.
      # Admin roles UMAPI cannot assign (System administrator, global admin) are not declared either; the
      # comment above each user who holds one says so.

      settings:
        adopt: true

      # Not exported (their entries would not pass the resources' checks):
      # - nameless@example.com: firstName is required to create an Enterprise ID; complete it in the Admin Console or add the user by hand
      users:
        # _org_admin is not exported: UMAPI can neither assign nor remove it (manage it in the Admin Console)
        - email: owner@example.com
          identityType: enterpriseID
          firstName: Olivia
          lastName: Owner
          country: US
          protect: true

        - email: alice@example.com
          identityType: enterpriseID
          firstName: Alice
          lastName: Anders
          country: US
          groups: [Design Team, Photoshop Users]
          adminRoles:
            - {role: userGroupAdmin, target: Design Team}
            - supportAdmin
          protect: true

        # member of "Shared Designers", a read-only group shared from another org: not exported (its members are managed there)
        - email: bob@fed.example.com
          identityType: federatedID
          username: bob
          domain: fed.example.com
          firstName: Bob
          lastName: Berg
          country: DE
          groups: [Marketing]
          adminRoles:
            - {role: developer, target: Photoshop Users}
          protect: true

        - email: carol@gmail.com
          identityType: adobeID
          groups: [Acrobat Pro Users]
          adminRoles:
            - {role: productAdmin, target: Acrobat Pro}
          protect: true

        - email: dan@example.com
          identityType: enterpriseID
          firstName: Dan
          lastName: Diaz
          country: ES
          adminRoles:
            - {role: productProfileAdmin, target: Photoshop Users}
            - deploymentAdmin
          protect: true

        - email: erin@fed.example.com
          identityType: federatedID
          firstName: Erin
          lastName: Eck
          country: FR
          groups: [Design Team, Marketing]

      # Read-only groups shared from another org are not declared (UMAPI refuses to change them or their
      # members; product profiles can still be attached to them):
      # - Shared Designers
      userGroups:
        - name: Design Team
        - name: Marketing
      "
    `);
  });

  it("writes a file that loads, adopting everything", async () => {
    const { text } = await exportOrg(new UmapiClient(clientOptions(emu)));
    const org = parseOrgFile(text);
    expect(org.settings).toEqual({ adopt: true });
    expect(org.userGroups).toEqual([{ name: "Design Team" }, { name: "Marketing" }]);
  });

  it("reads the org with one users request and one groups request, and sends no action", async () => {
    emu.resetMetrics();
    await exportOrg(new UmapiClient(clientOptions(emu)));
    expect(emu.metrics().requests).toMatchObject({ users: 1, groups: 1, action: 0 });
  });
});

describe("admin groups become roles (reference §8.4)", () => {
  const groups = new Map(
    [
      { groupName: "Design Team", type: "USER_GROUP" },
      { groupName: "Photoshop Users", type: "PRODUCT_PROFILE" },
      { groupName: "Shared", type: "USER_GROUP", isReadOnly: true },
    ].map((g) => [g.groupName.toLowerCase(), g]),
  );
  it.each([
    ["_support_admin", { kind: "role", entry: "supportAdmin" }],
    ["_deployment_admin", { kind: "role", entry: "deploymentAdmin" }],
    ["_admin_Design Team", { kind: "role", entry: { role: "userGroupAdmin", target: "Design Team" } }],
    ["_admin_photoshop users", { kind: "role", entry: { role: "productProfileAdmin", target: "Photoshop Users" } }],
    ["_product_admin_Acrobat Pro", { kind: "role", entry: { role: "productAdmin", target: "Acrobat Pro" } }],
    ["_developer_Photoshop Users", { kind: "role", entry: { role: "developer", target: "Photoshop Users" } }],
    ["design team", { kind: "group", name: "Design Team" }],
    ["_org_admin", { kind: "note", admin: true }],
    ["_compartment_viewer", { kind: "note", admin: true }],
    ["_admin_Unknown", { kind: "note", admin: true }],
    ["Shared", { kind: "note" }],
  ])("%s", (name, expected) => {
    expect(classify(name, groups)).toMatchObject(expected);
  });
});

describe("the umapi-export CLI", () => {
  let tmp: string;
  const env = () => ({ UMAPI_ORG_ID: emu.orgId, UMAPI_CLIENT_ID: emu.clientId, UMAPI_CLIENT_SECRET: emu.clientSecret, UMAPI_URL: emu.umapiUrl, UMAPI_IMS_URL: emu.imsUrl });
  const io = () => {
    const out = { stdout: "", stderr: "" };
    return { out, io: { stdout: (t: string) => void (out.stdout += t), stderr: (t: string) => void (out.stderr += t) } };
  };
  beforeAll(() => void (tmp = mkdtempSync(path.join(tmpdir(), "umapi-export-cli-"))));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it("writes --out and exits 0", async () => {
    const file = path.join(tmp, "org.yaml");
    const { out, io: cli } = io();
    expect(await run(["--out", file], env(), cli)).toBe(0);
    expect(out.stderr).toBe(`umapi-export: wrote ${file} (6 users, 2 user groups; 1 user not exported, see the comments)\n`);
    expect(() => parseOrgFile(readFileSync(file, "utf8"))).not.toThrow();
  });

  it("refuses to overwrite a file without --force (exit 2)", async () => {
    const file = path.join(tmp, "existing.yaml");
    writeFileSync(file, "# mine\n");
    const { out, io: cli } = io();
    expect(await run(["--out", file], env(), cli)).toBe(2);
    expect(out.stderr).toContain("exists; pass --force");
    expect(readFileSync(file, "utf8")).toBe("# mine\n");
    expect(await run(["--out", file, "--force"], env(), cli)).toBe(0);
  });

  it("prints to standard output without --out", async () => {
    const { out, io: cli } = io();
    expect(await run([], env(), cli)).toBe(0);
    expect(out.stdout).toMatch(/^# yaml-language-server: \$schema=\.\/node_modules\/pulumi-adobe-umapi\/schema\/org\.schema\.json\n/);
  });

  it("exits 1 without credentials, and 2 on an unknown option", async () => {
    const { out, io: cli } = io();
    expect(await run([], {}, cli)).toBe(1);
    expect(out.stderr).toContain("Missing UMAPI credential: set the orgId option or the UMAPI_ORG_ID environment variable");
    expect(await run(["--outt", "x"], env(), cli)).toBe(2);
  });
});
