import { describe, expect, it } from "vitest";
import { DEFAULT_GROUP_NAME_PATTERN, groupNaming as policy } from "../../policy/policies/group-naming";
import { groupMembers, userGroup } from "./fixtures";
import { NotApplicable, runResourcePolicy } from "./harness";

describe("group-naming", () => {
  it("passes names that match the default pattern", async () => {
    for (const name of ["Designers", "CC All Apps - EMEA", "team_2.0", "x".repeat(255)]) {
      expect(await runResourcePolicy(policy, userGroup("g", { name }))).toEqual([]);
    }
  });

  it("refuses a name that starts with an underscore, suggesting one without", async () => {
    expect(await runResourcePolicy(policy, userGroup("g", { name: "_Designers" }))).toEqual([
      'The group name "_Designers" starts with "_", which UMAPI reserves for admin groups (_admin_…, _product_admin_…, _developer_…). Rename the group, e.g. "Designers".',
    ]);
  });

  it("refuses a name that does not match the default pattern", async () => {
    expect(await runResourcePolicy(policy, userGroup("g", { name: "Design/Team" }))).toEqual([
      `The group name "Design/Team" does not match the naming pattern /${DEFAULT_GROUP_NAME_PATTERN}/ (group-naming.pattern). Rename the group to match.`,
    ]);
  });

  it("refuses a name longer than 255 characters", async () => {
    expect(await runResourcePolicy(policy, userGroup("g", { name: "x".repeat(256) }))).toHaveLength(1);
  });

  it("uses the configured pattern", async () => {
    const config = { pattern: "^team-[a-z]+$" };
    expect(await runResourcePolicy(policy, userGroup("g", { name: "team-design" }), config)).toEqual([]);
    expect(await runResourcePolicy(policy, userGroup("g", { name: "Designers" }), config)).toEqual([
      'The group name "Designers" does not match the naming pattern /^team-[a-z]+$/ (group-naming.pattern). Rename the group to match.',
    ]);
  });

  it("reports an invalid configured pattern instead of failing the run", async () => {
    expect(await runResourcePolicy(policy, userGroup("g"), { pattern: "([a-z" })).toEqual([
      'The group-naming.pattern "([a-z" is not a valid regular expression (Invalid regular expression: /([a-z/: Unterminated character class). Fix it in the policy pack config.',
    ]);
  });

  it("does not apply to other resource types", async () => {
    await expect(runResourcePolicy(policy, groupMembers("all", { group: "_x" }))).rejects.toBeInstanceOf(NotApplicable);
  });
});
