/** The domains and product profiles the emulator and client tests seed their orgs with. */
import type { OrgSeed } from "../../emulator";

/** Photoshop Users has only 2 licences, so tests can run out of them. */
export const TEST_ORG_BASE: Pick<OrgSeed, "domains" | "productProfiles"> = {
  domains: [
    { name: "example.com", directory: "enterpriseID" },
    { name: "fed.example.com", directory: "federatedID" },
  ],
  productProfiles: [
    { name: "Photoshop Users", productName: "Photoshop (<Single App - Enterprise>)", licenseQuota: "2" },
    { name: "Acrobat Pro Users", productName: "Acrobat Pro", licenseQuota: "50" },
  ],
};
