/** UserGroup: a user group's name and description (reference §4.1 user-group steps, §8.7). */
import { groupCommand, groupSteps } from "../../umapi/steps";
import type { UserGroupArgs, UserGroupState } from "../../resources/types";
import { guard, guardCreate, ResourceError } from "../errors";
import { getRuntime, processClaims, processRenames } from "../runtime";
import { groupDifference, reportTakeOver } from "../recovery";
import type { GroupRecord } from "../orgView";
import { clean, sameText, type Handler } from "./handler";

const KIND = "UserGroup";

function assertManageable(name: string, g: GroupRecord): void {
  if (g.isReadOnly) {
    throw new ResourceError(KIND, name, "is a read-only user group shared from another organization: UMAPI refuses to rename, delete or change its members (error.usergroup.readonly.*). Attach product profiles to it with UserGroupProductProfile instead", { errorCode: "error.usergroup.readonly.update_not_allowed" });
  }
  if (g.type && g.type !== "USER_GROUP") {
    throw new ResourceError(KIND, name, `exists as a ${g.type}, not a user group: product profiles and admin groups are managed in the Admin Console`);
  }
}

export const userGroup: Handler<UserGroupArgs, UserGroupState> = {
  diff(_id, olds, news) {
    // A rename is an update, never a replace: the group keeps its id, members and profiles.
    processRenames().group(olds.name, news.name);
    const changes = olds.name !== news.name || !sameText(olds.description, news.description) || Boolean(olds.adopt) !== Boolean(news.adopt);
    return { changes };
  },

  async create(news) {
    return createGroup(news, false);
  },

  async update(_id, olds, news) {
    if (olds.createIncomplete) return { outs: (await createGroup(news, true)).outs };
    const rt = getRuntime();
    return guard(KIND, olds.name, "update", async () => {
      const rename = olds.name !== news.name;
      const describe = !sameText(olds.description, news.description);
      if (rename || describe) {
        const fields = clean({ name: rename ? news.name : undefined, description: describe ? (news.description ?? "") : undefined });
        const outcome = await rt.client.execute(groupCommand(olds.name, [groupSteps.update(fields)]));
        // A rename whose response was lost and retried finds the old name gone and the new one there.
        const retriedRename = !outcome.completed && rename && outcome.issues.every((i) => i.code === "error.usergroup.not_found") && (await rt.view.findGroup(news.name));
        if (!outcome.completed && !retriedRename) await rt.client.run(groupCommand(olds.name, [groupSteps.update(fields)]));
        if (rename) rt.view.renameGroup(olds.name, news.name);
      }
      return { outs: clean({ ...news, groupId: olds.groupId, readOnly: olds.readOnly }) };
    });
  },

  async delete(_id, olds) {
    const rt = getRuntime();
    await guard(KIND, olds.name, "delete", async () => {
      const outcome = await rt.client.execute(groupCommand(olds.name, [groupSteps.delete()]));
      const gone = outcome.issues.every((i) => i.code === "error.usergroup.not_found");
      if (!outcome.completed && !gone) await rt.client.run(groupCommand(olds.name, [groupSteps.delete()]));
      rt.view.dropGroup(olds.name);
    });
  },

  async read(id, olds) {
    const rt = getRuntime();
    return guard(KIND, olds.name, "read", async () => {
      const live = await rt.view.findGroup(olds.name);
      if (!live) return { id: "" };
      // The groups endpoint does not return descriptions: the last applied one is kept.
      const props = clean({ ...olds, name: live.groupName, groupId: live.groupId, readOnly: live.isReadOnly || undefined });
      return { id, props, inputs: clean({ name: props.name, description: olds.description, adopt: olds.adopt }) };
    });
  },
};

async function createGroup(news: UserGroupArgs, resume: boolean): Promise<{ id: string; outs: UserGroupState }> {
  const rt = getRuntime();
  return guardCreate(KIND, news.name, news.name, clean({ ...news }), async () => {
    const existing = await rt.view.findGroup(news.name);
    if (existing) {
      assertManageable(news.name, existing);
      if (!resume && !news.adopt && !rt.settings.adopt) {
        // Holding nothing this run does not declare: what this declaration's interrupted run created (recovery.ts).
        const difference = await groupDifference(news.name, existing, rt.view, processClaims());
        if (difference !== undefined) {
          throw new ResourceError(KIND, news.name, `already exists in the org (UMAPI error.usergroup.already_exists). Set adopt: true (or the stack config umapi:adopt true) to manage the existing group. (It is not taken over as an interrupted run's create: ${difference}.)`, { errorCode: "error.usergroup.already_exists" });
        }
        reportTakeOver(KIND, news.name);
      }
      // UMAPI does not return descriptions, so an adopted group's description is set once, here.
      if (news.description !== undefined) await rt.client.run(groupCommand(existing.groupName, [groupSteps.update({ description: news.description })]));
      if (existing.groupName !== news.name) {
        await rt.client.run(groupCommand(existing.groupName, [groupSteps.update({ name: news.name })]));
        rt.view.renameGroup(existing.groupName, news.name);
      }
    } else {
      await rt.client.run(groupCommand(news.name, [groupSteps.create(news.description, "ignoreIfAlreadyExists")]));
      rt.view.putGroup({ groupName: news.name, type: "USER_GROUP" });
    }
    return { id: news.name, outs: clean({ ...news, groupId: existing?.groupId }) };
  });
}
