/**
 * The org-as-code program: declares the org described by an org file (stack config `orgFile`,
 * default `org.yaml`, relative to the Pulumi project folder). The examples' projects run it too.
 *
 * Before declaring anything it applies the removal brake: the users the stack managed at its last
 * update are read back from this stack's own outputs (`managedUsers`, `adminUsers`), and a file that
 * would remove too many of them, or an admin, is refused.
 */
import path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import {
  declareOrgInSlices,
  loadOrgFile,
  managedUsersOf,
  parseBudget,
  previousManagedUsers,
  removalBrake,
  removalBudgetOf,
  removalOverridesOf,
  readStackOutputs,
  renameHints,
  validateOnPreview,
  type ManagedUsers,
  type OrgFile,
  type RemovalBudget,
} from "pulumi-adobe-umapi";

function projectDir(): string {
  try {
    return pulumi.getRootDirectory();
  } catch {
    return process.cwd();
  }
}

/**
 * A problem that is the user's to fix: the message, without a stack trace. The stack is dropped too:
 * the SDK's run wrapper inspects an error with a stack for its trace span, which takes 10 s or more.
 */
function plainError(message: string): pulumi.RunError {
  const err = new pulumi.RunError(message);
  err.stack = undefined;
  return err;
}

function userError<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw plainError(err instanceof Error ? err.message : String(err));
  }
}

/** This stack's outputs at its last update (none on the first one), for the removal brake and the validated preview. */
async function previousOutputs(): Promise<Record<string, unknown>> {
  try {
    return await readStackOutputs();
  } catch (err) {
    const name = `${pulumi.getOrganization()}/${pulumi.getProject()}/${pulumi.getStack()}`;
    throw plainError(`The removal brake cannot read this stack's previous outputs (${name}): ${err instanceof Error ? err.message : String(err)}`);
  }
}

/**
 * The file's budget, else the stack's `umapi:removalBudget` (the provider's breaker reads the same
 * key, so one setting serves both), else the default.
 */
function budgetOf(org: OrgFile, umapi: pulumi.Config): { budget?: RemovalBudget; budgetKey: string } {
  const inFile = removalBudgetOf(org.settings);
  if (inFile) return { budget: inFile, budgetKey: "settings.removalBudget" };
  const inConfig = userError(() => parseBudget(umapi.get("removalBudget") ?? (process.env.UMAPI_REMOVAL_BUDGET || undefined), "umapi:removalBudget"));
  return inConfig ? { budget: inConfig, budgetKey: "umapi:removalBudget" } : { budgetKey: "settings.removalBudget" };
}

function applyRemovalBrake(budget: ReturnType<typeof budgetOf>, fileName: string, previous: Partial<ManagedUsers> | undefined, declared: ManagedUsers): void {
  const umapi = new pulumi.Config("umapi");
  const overrides = userError(() => removalOverridesOf({ allowRemovals: umapi.get("allowRemovals"), allowAdminRemovals: umapi.get("allowAdminRemovals") }, process.env));
  const { refusal: refused, removals } = removalBrake({ previous, declared, ...budget, overrides, fileName });
  const hints = renameHints(previous, declared, fileName);
  if (refused) throw plainError([refused, ...hints].join("\n"));
  for (const hint of hints) pulumi.log.warn(hint);
  if (removals.length > 0) pulumi.log.info(`${fileName} removes ${removals.length === 1 ? "1 user" : `${removals.length} users`} (within the removal budget or allowed by umapi:allowRemovals)`);
}

export = async () => {
  const configured = new pulumi.Config().get("orgFile") ?? "org.yaml";
  const org = userError(() => loadOrgFile(path.resolve(projectDir(), configured), { displayName: configured }));
  const users = managedUsersOf(org);
  const removalBudget = budgetOf(org, new pulumi.Config("umapi"));
  const previous = await previousOutputs();
  applyRemovalBrake(removalBudget, configured, previousManagedUsers(previous), users);

  const declared = await declareOrgInSlices(org, { previousOutputs: previous });
  const { budget } = removalBudget;
  return {
    counts: {
      users: declared.users.size,
      userGroups: declared.userGroups.size,
      productProfiles: declared.productProfiles.length,
      adminRoles: declared.adminRoles.length,
      groupMembers: declared.groupMembers.length,
    },
    settings: { adopt: org.settings?.adopt ?? false, ...(budget ? { removalBudget: budget } : {}) },
    managedUsers: users.managedUsers,
    adminUsers: users.adminUsers,
    userFingerprints: users.userFingerprints,
    // The plan basis of validated previews; validates this preview's changes when umapi:validateOnPreview is on.
    umapiPlan: await validateOnPreview({ previousOutputs: previous }),
  };
};
