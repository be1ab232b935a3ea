/** Orgs the org-file tests seed the emulator with, and the problems of an invalid file. */
import { defaultSeed, type OrgSeed } from "../../emulator";
import { formatProblem, OrgFileError, parseOrgFile } from "../../provider";

/** The formatted problems of an invalid file (fails the test if the file loads). */
export function problems(text: string): string[] {
  try {
    parseOrgFile(text);
  } catch (err) {
    if (err instanceof OrgFileError) return err.problems.map(formatProblem);
    throw err;
  }
  throw new Error("the file loaded");
}

/**
 * The default org plus two user groups and users of every kind, holding memberships and every
 * kind of admin role, including ones UMAPI cannot assign (_org_admin) and a read-only membership.
 */
export const EXPORT_SEED: OrgSeed = {
  ...defaultSeed,
  userGroups: [
    ...defaultSeed.userGroups!,
    { name: "Design Team", description: "Designers", productProfiles: ["Default All Apps plan - 100 GB configuration"] },
    { name: "Marketing" },
  ],
  users: [
    ...defaultSeed.users!,
    { type: "enterpriseID", email: "alice@example.com", firstname: "Alice", lastname: "Anders", country: "US", groups: ["Design Team", "Photoshop Users", "_admin_Design Team", "_support_admin"] },
    { type: "federatedID", email: "bob@fed.example.com", username: "bob", domain: "fed.example.com", firstname: "Bob", lastname: "Berg", country: "DE", groups: ["Marketing", "Shared Designers", "_developer_Photoshop Users"] },
    { type: "adobeID", email: "carol@gmail.com", groups: ["Acrobat Pro Users", "_product_admin_Acrobat Pro"] },
    { type: "enterpriseID", email: "dan@example.com", firstname: "Dan", lastname: "Diaz", country: "ES", groups: ["_admin_Photoshop Users", "_deployment_admin"] },
    { type: "federatedID", email: "erin@fed.example.com", firstname: "Erin", lastname: "Eck", country: "FR", groups: ["Design Team", "Marketing"] },
    { type: "enterpriseID", email: "nameless@example.com", country: "US", groups: ["Marketing"] },
  ],
};

/** Emulator credentials as UmapiClient options, without client-side throttling. */
export function clientOptions(emu: { orgId: string; clientId: string; clientSecret: string; umapiUrl: string; imsUrl: string }) {
  return { orgId: emu.orgId, clientId: emu.clientId, clientSecret: emu.clientSecret, umapiUrl: emu.umapiUrl, imsUrl: emu.imsUrl, rateLimits: false as const };
}
