import type { ResourceValidationPolicy } from "@pulumi/policy";
import { UMAPI_LIMITS } from "../../provider/umapi/limits";
import { validateKind } from "../lib/resources";

export interface MaxGroupSizeConfig {
  /** The most members a GroupMembers may list. Default 200,000: UMAPI refuses `add` on a larger user group. */
  maxMembers?: number;
}

export const DEFAULT_MAX_MEMBERS = UMAPI_LIMITS.userGroupMaxMembersForAdd;

const count = (n: number) => n.toLocaleString("en-US");

export const maxGroupSize: ResourceValidationPolicy = {
  name: "max-group-size",
  description: `A GroupMembers list must not exceed the maximum group size (default ${count(DEFAULT_MAX_MEMBERS)}): UMAPI refuses to add users to a larger user group.`,
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps: "Split the members across several user groups, each attached to the same product profiles.",
  configSchema: {
    properties: {
      maxMembers: { type: "integer", minimum: 1, default: DEFAULT_MAX_MEMBERS, description: "The most members one GroupMembers may list." },
    },
  },
  validateResource: validateKind("GroupMembers", (members, args, report) => {
    const max = args.getConfig<MaxGroupSizeConfig>().maxMembers ?? DEFAULT_MAX_MEMBERS;
    const size = Array.isArray(members.users) ? members.users.length : 0;
    if (size > max) {
      report(
        `GroupMembers lists ${count(size)} users for "${members.group}", more than the maximum of ${count(max)} (max-group-size.maxMembers; ` +
          `UMAPI refuses to add users to a user group of more than ${count(DEFAULT_MAX_MEMBERS)}). Split the members across several user groups.`,
      );
    }
  }),
};
