/**
 * The org-as-code program: declares the org described by an org file (stack config `orgFile`,
 * default `org.yaml`, relative to the Pulumi project folder). The examples' projects run it too.
 */
import path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { declareOrg, loadOrgFile, removalBudgetOf } from "pulumi-adobe-umapi";

function projectDir(): string {
  try {
    return pulumi.getRootDirectory();
  } catch {
    return process.cwd();
  }
}

const configured = new pulumi.Config().get("orgFile") ?? "org.yaml";
let org;
try {
  org = loadOrgFile(path.resolve(projectDir(), configured), { displayName: configured });
} catch (err) {
  // A file problem is the user's to fix: show the message, not a stack trace.
  throw new pulumi.RunError(err instanceof Error ? err.message : String(err));
}
const declared = declareOrg(org);

export const counts = {
  users: declared.users.size,
  userGroups: declared.userGroups.size,
  productProfiles: declared.productProfiles.length,
  adminRoles: declared.adminRoles.length,
  groupMembers: declared.groupMembers.length,
};
const budget = removalBudgetOf(org.settings);
export const settings = { adopt: org.settings?.adopt ?? false, ...(budget ? { removalBudget: budget } : {}) };
