/** The domains and product profiles the emulator and client tests seed their orgs with. */
import { defaultSeed, type OrgSeed } from "../../emulator";

/** The default org's domains, Photoshop and Acrobat profiles; Photoshop has only 2 licences, so tests can run out of them. */
export const TEST_ORG_BASE: Pick<OrgSeed, "domains" | "productProfiles"> = {
  domains: defaultSeed.domains!.map((d) => ({ ...d })),
  productProfiles: defaultSeed
    .productProfiles!.filter((p) => p.name === "Photoshop Users" || p.name === "Acrobat Pro Users")
    .map((p) => (p.name === "Photoshop Users" ? { ...p, licenseQuota: "2" } : { ...p })),
};
