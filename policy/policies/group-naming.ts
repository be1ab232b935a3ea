import type { ResourceValidationPolicy } from "@pulumi/policy";
import { validateKind } from "../lib/resources";

export interface GroupNamingConfig {
  /** A JavaScript regular expression every UserGroup name must match. Default {@link DEFAULT_GROUP_NAME_PATTERN}. */
  pattern?: string;
}

/** Letters, digits, space, `_`, `.`, `-`; starting with a letter or digit; at most 255 characters (reference §4.4). */
export const DEFAULT_GROUP_NAME_PATTERN = "^[A-Za-z0-9][A-Za-z0-9 _.-]{0,254}$";

export const groupNaming: ResourceValidationPolicy = {
  name: "group-naming",
  description: 'UserGroup names must match the configured pattern and must not start with "_", which UMAPI reserves for admin groups.',
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps: "Rename the UserGroup so that it matches group-naming.pattern (renaming a UserGroup updates it in place).",
  configSchema: {
    properties: {
      pattern: { type: "string", default: DEFAULT_GROUP_NAME_PATTERN, description: "Regular expression (JavaScript syntax) that UserGroup names must match." },
    },
  },
  validateResource: validateKind("UserGroup", (group, args, report) => {
    const name = group.name;
    if (name.startsWith("_")) {
      const suggestion = name.replace(/^_+/, "");
      const hint = suggestion ? `, e.g. "${suggestion}"` : "";
      report(`The group name "${name}" starts with "_", which UMAPI reserves for admin groups (_admin_…, _product_admin_…, _developer_…). Rename the group${hint}.`);
      return;
    }
    const pattern = args.getConfig<GroupNamingConfig>().pattern ?? DEFAULT_GROUP_NAME_PATTERN;
    let regex: RegExp;
    try {
      regex = new RegExp(pattern);
    } catch (e) {
      report(`The group-naming.pattern "${pattern}" is not a valid regular expression (${(e as Error).message}). Fix it in the policy pack config.`);
      return;
    }
    if (!regex.test(name)) {
      report(`The group name "${name}" does not match the naming pattern /${pattern}/ (group-naming.pattern). Rename the group to match.`);
    }
  }),
};
