/** AdobeUser: create, update, delete and read one user of the org (reference §4.1 user steps, §8). */
import { userCommand, userSteps, type UserRef } from "../../umapi/steps";
import type { UserStep } from "../../umapi/schema";
import type { AdobeUserArgs, AdobeUserState } from "../../resources/types";
import { guard, guardCreate, ResourceError } from "../errors";
import { getRuntime, processClaims, processRenames } from "../runtime";
import { reportTakeOver, userDifference } from "../recovery";
import type { UserRecord } from "../orgView";
import type { MembershipChange } from "../../umapi/membership";
import { applyMemberships, isUserGroup, membershipFailure } from "../memberships";
import { changedKeys, clean, minus, sameSet, sameText, sameValue, type DiffOutcome, type Handler } from "./handler";

const KIND = "AdobeUser";
const INPUT_KEYS: (keyof AdobeUserArgs)[] = ["identityType", "email", "username", "domain", "firstName", "lastName", "country", "groups", "onDelete", "adopt", "allowReplace"];

/** How commands address this user (reference §8.1): by email, or username + domain; Adobe IDs explicitly. */
export function refOf(u: AdobeUserArgs): UserRef {
  if (u.identityType === "federatedID" && u.username && !u.username.includes("@")) return { user: u.username, domain: u.domain };
  return { user: u.email, useAdobeID: u.identityType === "adobeID" ? true : undefined };
}

export function idOf(u: AdobeUserArgs): string {
  const ref = refOf(u);
  return ref.domain ? `${ref.user}@${ref.domain}`.toLowerCase() : ref.user.toLowerCase();
}

function createStep(u: AdobeUserArgs): UserStep {
  // ignoreIfAlreadyExists makes a retried create (after a lost response) succeed instead of failing;
  // whether the user existed BEFORE is decided from the org view, not from this option.
  const fields = clean({ email: u.email, firstname: u.firstName, lastname: u.lastName, country: u.country });
  switch (u.identityType) {
    case "adobeID":
      return userSteps.addAdobeID(fields, "ignoreIfAlreadyExists");
    case "enterpriseID":
      return userSteps.createEnterpriseID(fields, "ignoreIfAlreadyExists");
    case "federatedID":
      return userSteps.createFederatedID(fields, "ignoreIfAlreadyExists");
  }
}

function replaceKeys(olds: AdobeUserState, news: AdobeUserArgs): string[] {
  const keys: string[] = [];
  if (olds.identityType !== news.identityType) keys.push("identityType");
  if ((olds.country ?? "") !== (news.country ?? "")) keys.push("country");
  if (news.identityType === "adobeID") {
    // Adobe IDs belong to their owner: UMAPI updates none of their attributes.
    if (olds.email.toLowerCase() !== news.email.toLowerCase()) keys.push("email");
    if (!sameText(olds.firstName, news.firstName)) keys.push("firstName");
    if (!sameText(olds.lastName, news.lastName)) keys.push("lastName");
  }
  return keys;
}

function updateFields(olds: AdobeUserState, news: AdobeUserArgs) {
  return clean({
    // UMAPI cannot change only the letter case of an email (reference §8.2).
    email: olds.email.toLowerCase() !== news.email.toLowerCase() ? news.email : undefined,
    firstname: !sameText(olds.firstName, news.firstName) ? news.firstName : undefined,
    lastname: !sameText(olds.lastName, news.lastName) ? news.lastName : undefined,
    username: news.identityType === "federatedID" && !sameText(olds.username, news.username) ? news.username : undefined,
  });
}

function outputs(news: AdobeUserArgs, live?: UserRecord): AdobeUserState {
  return clean({ ...news, userId: live?.id, status: live?.status });
}

function assertAdoptable(news: AdobeUserArgs, existing: UserRecord, adoptAll: boolean): void {
  if (existing.type && existing.type !== news.identityType) {
    throw new ResourceError(KIND, news.email, `already exists in the org as an ${existing.type}, not an ${news.identityType}: set identityType to "${existing.type}" to manage it`, { errorCode: "error.user.already_in_org" });
  }
  if (news.adopt || adoptAll) return;
  // Exactly as declared, nothing undeclared: what this declaration's interrupted run created (recovery.ts).
  const difference = userDifference(news, existing, processClaims());
  if (difference === undefined) return reportTakeOver(KIND, news.email);
  throw new ResourceError(
    KIND,
    news.email,
    `already exists in the org (UMAPI error.user.already_in_org). To bring it under management without re-creating it, set adopt: true on the resource (or the stack config umapi:adopt true), or run umapi-export to generate a matching org.yaml. (It is not exactly as declared, so it is not taken over as an interrupted run's create: ${difference}.)`,
    { errorCode: "error.user.already_in_org" },
  );
}

/**
 * A new email in another domain: Enterprise and Federated IDs live in the org's claimed (or
 * trusted) domains, so a rename into a domain UMAPI does not know is refused before it is sent.
 */
async function assertClaimedDomain(olds: AdobeUserState, news: AdobeUserArgs): Promise<void> {
  const domainOf = (email: string) => email.slice(email.lastIndexOf("@") + 1);
  const domain = domainOf(news.email);
  if (news.identityType === "adobeID" || domain.toLowerCase() === domainOf(olds.email).toLowerCase()) return;
  if (await getRuntime().view.hasDomain(domain)) return;
  throw new ResourceError(
    KIND,
    olds.email,
    `cannot be renamed to ${news.email}: "${domain}" is not a domain this org has claimed or trusts (UMAPI error.domain.not_found), and an ${news.identityType} must stay in one; nothing was sent. Claim the domain in the Admin Console first, or keep an email in a claimed domain`,
    { errorCode: "error.domain.not_found" },
  );
}

export const adobeUser: Handler<AdobeUserArgs, AdobeUserState> = {
  diff(id, olds, news): DiffOutcome {
    const changed = changedKeys(olds as AdobeUserArgs, news, INPUT_KEYS, (k) =>
      k === "groups" ? sameSet(olds.groups, news.groups) : k === "email" ? olds.email === news.email || olds.email.toLowerCase() === news.email.toLowerCase() : sameValue(olds[k], news[k]),
    );
    const replaces = replaceKeys(olds, news);
    if (replaces.length === 0) processRenames().user(olds.email, news.email);
    if (replaces.length > 0 && news.identityType !== "adobeID" && olds.identityType !== "adobeID") {
      if (!news.allowReplace) {
        throw new ResourceError(KIND, news.email, `changing ${replaces.join(", ")} cannot be done in place: UMAPI would have to delete the account and create it again, which permanently deletes the user's assets. Revert the change, or set allowReplace: true to confirm`);
      }
      getRuntime().confirmedReplaces.add(id);
    }
    return { changes: changed.length > 0, replaces, deleteBeforeReplace: replaces.length > 0 ? true : undefined };
  },

  async create(news) {
    return createUser(news, false);
  },

  async update(id, olds, news) {
    // A create that did not report back: finish it, taking over what the lost request created.
    if (olds.createIncomplete) return { outs: (await createUser(news, true)).outs };
    const rt = getRuntime();
    return guard(KIND, olds.email, "update", async () => {
      await assertClaimedDomain(olds, news);
      let ref = refOf(olds);
      let before = await rt.view.findUser(ref.user, ref.domain);
      if (!before && olds.email.toLowerCase() !== news.email.toLowerCase()) {
        // The rename was applied already (an interrupted run, a lost response): the account has the new email.
        const renamed = await rt.view.findUser(refOf(news).user, refOf(news).domain);
        if (renamed) [ref, before, olds] = [refOf(news), renamed, { ...olds, email: renamed.email }];
      }
      const steps: UserStep[] = [];
      const fields = updateFields(olds, news);
      if (Object.keys(fields).length > 0) steps.push(userSteps.update(fields));
      // A group renamed or deleted in this run is no longer the user's: removing it would fail.
      const removed = minus(olds.groups, news.groups).filter((g) => !before || before.groups.some((x) => x.toLowerCase() === g.toLowerCase()));
      // Groups the user is already in (a renamed group) need no add.
      const added = minus(news.groups, olds.groups).filter((g) => !before?.groups.some((x) => x.toLowerCase() === g.toLowerCase()));
      if (steps.length === 0 && before) {
        // Only memberships change: they may share user-group commands with other users' changes.
        await changeGroups(ref, removed, added);
      } else {
        if (removed.length > 0) steps.push(userSteps.remove(removed));
        if (added.length > 0) steps.push(userSteps.add(added));
        if (steps.length > 0) await rt.client.run(userCommand(ref, steps));
      }
      const live = before;
      if (live) {
        rt.view.removeMemberships(ref.user, ref.domain, removed);
        rt.view.addMemberships(ref.user, ref.domain, added);
        // A new email renames the account: the view forgets the old email (member lists read it next).
        if (live.email.toLowerCase() !== news.email.toLowerCase()) rt.view.dropUser(ref.user, ref.domain);
        rt.view.putUser({ ...live, email: news.email, firstname: news.firstName ?? live.firstname, lastname: news.lastName ?? live.lastname, username: news.username ?? live.username });
      }
      return { outs: clean({ ...outputs(news), userId: olds.userId, status: olds.status }) };
    });
  },

  async delete(id, olds) {
    await removeUser(olds, getRuntime().confirmedReplaces.has(id) ? "deleteAccount" : (olds.onDelete ?? "removeFromOrg"));
  },

  async read(id, olds) {
    const rt = getRuntime();
    const ref = refOf(olds);
    return guard(KIND, olds.email, "read", async () => {
      const live = await rt.view.findUser(ref.user, ref.domain);
      if (!live || (live.status && live.status !== "active")) return { id: "" };
      const liveGroups = new Set(live.groups.map((g) => g.toLowerCase()));
      const own = olds.identityType !== "adobeID";
      const props: AdobeUserState = clean({
        ...olds,
        identityType: (live.type as AdobeUserArgs["identityType"]) ?? olds.identityType,
        email: live.email || olds.email,
        firstName: own ? live.firstname : olds.firstName,
        lastName: own ? live.lastname : olds.lastName,
        country: live.country ?? olds.country,
        username: olds.username === undefined ? undefined : live.username,
        groups: olds.groups?.filter((g) => liveGroups.has(g.toLowerCase())),
        userId: live.id,
        status: live.status,
      });
      const { userId, status, ...inputs } = props;
      void userId, void status;
      return { id, props, inputs };
    });
  },
};

/**
 * Takes the user out of the org (or out of its groups). A user already gone is done: a destroy
 * re-run after an interrupted one finds part of its work applied.
 */
export async function removeUser(olds: AdobeUserState, mode: NonNullable<AdobeUserArgs["onDelete"]>): Promise<void> {
  const rt = getRuntime();
  const ref = refOf(olds);
  await guard(KIND, olds.email, "delete", async () => {
    if (!(await rt.view.findUser(ref.user, ref.domain))) return;
    const step = mode === "removeMemberships" ? userSteps.removeAll() : userSteps.removeFromOrg(mode === "deleteAccount" && olds.identityType !== "adobeID");
    await rt.client.run(userCommand(ref, [step]));
    if (mode === "removeMemberships") rt.view.removeMemberships(ref.user, ref.domain, olds.groups ?? []);
    else rt.view.dropUser(ref.user, ref.domain);
  });
}

export async function createUser(news: AdobeUserArgs, resume: boolean): Promise<{ id: string; outs: AdobeUserState }> {
  const rt = getRuntime();
  const ref = refOf(news);
  return guardCreate(KIND, news.email, idOf(news), outputs(news), async () => {
    const existing = await rt.view.findUser(ref.user, ref.domain);
    const steps: UserStep[] = [];
    if (existing) {
      if (!resume) assertAdoptable(news, existing, rt.settings.adopt);
      const fields = news.identityType === "adobeID" ? {} : updateFields({ ...news, email: existing.email, firstName: existing.firstname, lastName: existing.lastname, username: existing.username }, news);
      if (Object.keys(fields).length > 0) steps.push(userSteps.update(fields));
    } else steps.push(createStep(news));
    const missing = minus(news.groups, existing?.groups);
    // Adopting a user who only lacks some groups: those changes may travel packed.
    if (existing && steps.length === 0) await changeGroups(ref, [], missing);
    else {
      if (missing.length > 0) steps.push(userSteps.add(missing));
      if (steps.length > 0) await rt.client.run(userCommand(ref, steps));
    }
    const record: UserRecord = { ...existing, email: news.email, firstname: news.firstName, lastname: news.lastName, country: news.country, type: news.identityType, username: news.username, domain: news.domain, groups: [...(existing?.groups ?? []), ...missing] };
    rt.view.putUser(record);
    return { id: idOf(news), outs: outputs(news, existing) };
  });
}

/** Membership changes of one existing user, each queued on its own; throws naming every group that failed. */
async function changeGroups(ref: UserRef, removed: string[], added: string[]): Promise<void> {
  const rt = getRuntime();
  const change = async (group: string, op: "add" | "remove"): Promise<MembershipChange> => ({ user: ref.user, domain: ref.domain, useAdobeID: ref.useAdobeID, group, op, userGroup: await isUserGroup(rt, group) });
  const changes = await Promise.all([...removed.map((g) => change(g, "remove")), ...added.map((g) => change(g, "add"))]);
  if (changes.length === 0) return;
  const { failed } = await applyMemberships(rt, changes);
  if (failed.length > 0) throw membershipFailure(ref.user, failed);
}
