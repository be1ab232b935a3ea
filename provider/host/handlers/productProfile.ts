/** UserGroupProductProfile: a product profile attached to a user group (allowed on read-only groups). */
import { groupCommand, groupSteps } from "../../umapi/steps";
import type { UserGroupProductProfileArgs } from "../../resources/types";
import { guard, ResourceError } from "../errors";
import { getRuntime, processRenames } from "../runtime";
import { type Handler } from "./handler";

const KIND = "UserGroupProductProfile";
const label = (a: UserGroupProductProfileArgs) => `${a.productProfile} → ${a.group}`;

export const userGroupProductProfile: Handler<UserGroupProductProfileArgs, UserGroupProductProfileArgs> = {
  diff(_id, olds, news) {
    // A renamed group keeps its profiles: following the rename is an update.
    const replace = !processRenames().sameGroup(olds.group, news.group) || olds.productProfile.toLowerCase() !== news.productProfile.toLowerCase();
    return { changes: replace || olds.group !== news.group || olds.productProfile !== news.productProfile, replaces: replace ? ["group", "productProfile"] : [], deleteBeforeReplace: replace || undefined };
  },

  async create(news) {
    const rt = getRuntime();
    return guard(KIND, label(news), "create", async () => {
      const profile = await rt.view.findGroup(news.productProfile);
      if (profile && profile.type !== "PRODUCT_PROFILE") {
        throw new ResourceError(KIND, label(news), `"${news.productProfile}" is a ${profile.type}, not a product profile`);
      }
      await rt.client.run(groupCommand(news.group, [groupSteps.addProfiles([news.productProfile])]));
      return { id: `${news.group}|${news.productProfile}`.toLowerCase(), outs: news };
    });
  },

  async update(_id, _olds, news) {
    return { outs: news };
  },

  async delete(_id, olds) {
    const rt = getRuntime();
    await guard(KIND, label(olds), "delete", async () => {
      const outcome = await rt.client.execute(groupCommand(olds.group, [groupSteps.removeProfiles([olds.productProfile])]));
      const gone = outcome.issues.every((i) => i.code === "error.usergroup.not_found" || i.code === "error.group.not_found");
      if (!outcome.completed && !gone) await rt.client.run(groupCommand(olds.group, [groupSteps.removeProfiles([olds.productProfile])]));
    });
  },

  // UMAPI has no endpoint that lists a user group's product profiles (reference §2.1): refresh sees
  // the group or the profile gone, or a profile taken off a group that has members (OrgView).
  async read(id, olds) {
    const rt = getRuntime();
    return guard(KIND, label(olds), "read", async () => {
      const [group, profile] = await Promise.all([rt.view.findGroup(olds.group), rt.view.findGroup(olds.productProfile)]);
      if (!group || !profile) return { id: "" };
      if (await rt.view.groupLostProfile(olds.group, olds.productProfile)) return { id: "" };
      return { id, props: olds, inputs: olds };
    });
  },
};
