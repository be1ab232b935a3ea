/**
 * GroupMembership and AdminRoleAssignment: one edge from a user to a user group, product profile or
 * admin group, added and removed with the user's `add`/`remove` steps (idempotent on retry).
 */
import { isUserGroup } from "../memberships";
import { adminGroupName, type AdminRoleAssignmentArgs, type AdminRoleAssignmentState, type GroupMembershipArgs, type ResourceKind } from "../../resources/types";
import { guard, guardCreate, ResourceError } from "../errors";
import { getRuntime, processRenames } from "../runtime";
import { clean, sameValue, type Handler } from "./handler";

interface Edge {
  user: string;
  userDomain?: string;
  group: string;
}

const changeOf = (e: Edge, op: "add" | "remove") => ({ user: e.user, domain: e.userDomain, group: e.group, op });

function edgeId(e: Edge): string {
  return `${e.group}|${e.user}${e.userDomain ? "@" + e.userDomain : ""}`.toLowerCase();
}

function sameEdge(a: Edge, b: Edge): boolean {
  return edgeId(a) === edgeId(b);
}

/** The same edge under a renamed user or group: UMAPI moved it along with the rename. */
function renamedEdge(a: Edge, b: Edge): boolean {
  const renames = processRenames();
  return (a.userDomain ?? "").toLowerCase() === (b.userDomain ?? "").toLowerCase() && renames.sameUser(a.user, b.user) && renames.sameGroup(a.group, b.group);
}

function edgeHandler<I extends object, O extends I>(kind: ResourceKind, toEdge: (x: I) => Edge, toOuts: (x: I) => O): Handler<I, O> {
  const label = (e: Edge) => `${e.user} → ${e.group}`;
  return {
    diff(_id, olds, news) {
      // An edge has no updatable attribute: any change is a new edge (delete first, so that a change
      // of letter case only does not remove the edge it just added), except a rename of its user or
      // group in this run, which the edge follows in UMAPI.
      const changed = !sameEdge(toEdge(olds), toEdge(news)) || !sameValue(toOuts(news), olds);
      const replace = !sameEdge(toEdge(olds), toEdge(news)) && !renamedEdge(toEdge(olds), toEdge(news));
      return { changes: changed, replaces: replace ? Object.keys(news) : [], deleteBeforeReplace: replace || undefined };
    },
    async create(news) {
      const e = toEdge(news);
      const rt = getRuntime();
      return guardCreate(kind, label(e), edgeId(e), toOuts(news), async () => {
        const group = e.group.startsWith("_") ? undefined : await rt.view.findGroup(e.group);
        if (group?.isReadOnly) {
          throw new ResourceError(kind, label(e), `cannot add members to "${e.group}": it is a read-only user group shared from another organization (error.usergroup.readonly.add_user_not_allowed)`, { errorCode: "error.usergroup.readonly.add_user_not_allowed" });
        }
        // Adopting an edge that already exists costs no action request.
        const user = await rt.view.findUser(e.user, e.userDomain);
        const present = user?.groups.some((g) => g.toLowerCase() === e.group.toLowerCase());
        if (!present) await rt.client.runMembership({ ...changeOf(e, "add"), userGroup: await isUserGroup(rt, e.group) });
        rt.view.addMemberships(e.user, e.userDomain, [e.group]);
        return { id: edgeId(e), outs: toOuts(news) };
      });
    },
    async update(_id, olds, news) {
      // A create that did not report back is finished here (the add is idempotent).
      if ((olds as { createIncomplete?: boolean }).createIncomplete) return { outs: (await this.create(news)).outs };
      return { outs: toOuts(news) };
    },
    async delete(_id, olds) {
      const e = toEdge(olds);
      const rt = getRuntime();
      await guard(kind, label(e), "delete", async () => {
        const change = { ...changeOf(e, "remove"), userGroup: await isUserGroup(rt, e.group) };
        const outcome = await rt.client.changeMembership(change);
        // The user or group being gone already means the edge is gone.
        const gone = outcome.issues.every((i) => ["error.user.nonexistent", "error.user.not_found", "error.group.not_found", "error.user.not_in_org"].includes(i.code));
        if (!outcome.completed && !gone) await rt.client.runMembership({ ...change, userGroup: false });
        rt.view.removeMemberships(e.user, e.userDomain, [e.group]);
      });
    },
    async read(id, olds) {
      const e = toEdge(olds);
      const rt = getRuntime();
      return guard(kind, label(e), "read", async () => {
        const user = await rt.view.findUser(e.user, e.userDomain);
        const present = user?.groups.some((g) => g.toLowerCase() === e.group.toLowerCase());
        if (!present) return { id: "" };
        const { adminGroup, ...inputs } = olds as O & { adminGroup?: string };
        void adminGroup;
        return { id, props: olds, inputs: inputs as unknown as I };
      });
    },
  };
}

export const groupMembership = edgeHandler<GroupMembershipArgs, GroupMembershipArgs>(
  "GroupMembership",
  (m) => m,
  (m) => clean({ user: m.user, userDomain: m.userDomain, group: m.group }),
);

export const adminRoleAssignment = edgeHandler<AdminRoleAssignmentArgs, AdminRoleAssignmentState>(
  "AdminRoleAssignment",
  (a) => ({ user: a.user, userDomain: a.userDomain, group: adminGroupName(a.role, a.target) }),
  (a) => clean({ user: a.user, userDomain: a.userDomain, role: a.role, target: a.target, adminGroup: adminGroupName(a.role, a.target) }),
);
