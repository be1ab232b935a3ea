import type { ResourceValidationPolicy } from "@pulumi/policy";
import { validateKind } from "../lib/resources";

export const noAccountDeletion: ResourceValidationPolicy = {
  name: "no-account-deletion",
  description: 'Forbids onDelete "deleteAccount" on AdobeUser: destroying or replacing the user would permanently delete the account and its assets.',
  enforcementLevel: "mandatory",
  severity: "critical",
  remediationSteps:
    'Use onDelete "removeFromOrg" (the default) or "removeMemberships". To allow account deletion deliberately, set this policy to advisory in the policy pack config.',
  validateResource: validateKind("AdobeUser", (user, _args, report) => {
    if (user.onDelete === "deleteAccount") {
      report(
        `onDelete is "deleteAccount" for "${user.email}": destroying or replacing this AdobeUser permanently deletes the account and all its assets. ` +
          'Use onDelete "removeFromOrg" (the default) to take the user out of the org and keep the account.',
      );
    }
  }),
};
