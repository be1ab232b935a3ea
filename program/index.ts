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
  previousLayout,
  previousResources,
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

/**
 * One AdobeUser per user only for a stack made that way (before 0.3) or a file that asks for it.
 * Such a stack keeps its layout until org.yaml says `userResources: sets`; at scale the program says so.
 */
async function userLayout(org: OrgFile, previous: Record<string, unknown>, fileName: string): Promise<{ perUser: boolean; migrated?: string[] }> {
  const chosen = org.settings?.userResources;
  // A stack last updated before umapiPlan existed tells its layout only by the resources in its state.
  const stateUsers = async () => (await previousResources()).filter((r) => r.kind === "AdobeUser").map((r) => String(r.outputs.email ?? "").toLowerCase());
  const before = previousLayout(previous) ?? (previous.umapiPlan === undefined && (await stateUsers()).length > 0 ? "perUser" : undefined);
  const users = org.users?.length ?? 0;
  let migrated: string[] | undefined;
  if (chosen === "sets" && before === "perUser") {
    // The users the stack managed, adopted into the sets: from its outputs, or (before they existed) its state.
    migrated = Array.isArray(previous.managedUsers) ? (previous.managedUsers as string[]) : await stateUsers();
    pulumi.log.info(`${fileName}: moving ${users} users from one AdobeUser resource each into AdobeUsers sets; the \`user:\` resources this run deletes are forgotten, nothing is sent for them`);
  }
  const perUser = chosen === "perUser" || (chosen === undefined && before === "perUser");
  if (perUser && chosen === undefined && users >= PER_USER_NOTICE) {
    pulumi.log.warn(
      `${fileName} declares ${users} users with one resource each (this stack's layout before 0.3): the engine spends about 11 ms and 400 kB per resource on every run. ` +
        `Set \`userResources: sets\` under settings in ${fileName} to declare them in 64 AdobeUsers sets instead (one run moves them; nothing is sent to UMAPI for it).`,
    );
  }
  return { perUser, migrated };
}

/** The org size from which a per-user stack is told about sets. */
const PER_USER_NOTICE = 1_000;

/**
 * With per-step checkpoints (the CLI's default) a file or S3 backend rewrites the whole state after
 * each of the run's steps: at this size that is minutes of a large run. The template skips them.
 */
const CHECKPOINT_NOTICE = 20_000;

function checkpointNotice(users: number, env: NodeJS.ProcessEnv = process.env): void {
  if (pulumi.runtime.isDryRun() || users < CHECKPOINT_NOTICE || (env.PULUMI_SKIP_CHECKPOINTS ?? "").toLowerCase() === "true") return;
  pulumi.log.warn(
    `${users} users with per-step checkpoints: on a file or S3 backend the CLI rewrites the whole state (about ${Math.round((users * 750) / 1e6)} MB) after every step of this run. ` +
      "Set PULUMI_SKIP_CHECKPOINTS=true (the template's workflow does): the state is then written once, at the end, and a run killed before that is re-run as is.",
  );
}

export = async () => {
  const configured = new pulumi.Config().get("orgFile") ?? "org.yaml";
  const org = userError(() => loadOrgFile(path.resolve(projectDir(), configured), { displayName: configured }));
  const users = managedUsersOf(org);
  const removalBudget = budgetOf(org, new pulumi.Config("umapi"));
  const previous = await previousOutputs();
  applyRemovalBrake(removalBudget, configured, previousManagedUsers(previous), users);

  const { perUser, migrated } = await userLayout(org, previous, configured);
  checkpointNotice(org.users?.length ?? 0);
  const declared = await declareOrgInSlices(org, { previousOutputs: previous, perUser, migratedUsers: migrated });
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
