/**
 * Hints: inputs a program passes for \`check\` to read, which are not stored (check returns the
 * inputs without them). They tell the provider process what the whole declaration holds before the
 * resources that declare it are registered (see host/claims.ts): the members the declaration puts
 * in a user group, the groups the rest of the declaration gives a user of a set.
 */
import type { ResourceKind } from "./types";

type Props = Record<string, unknown>;

/** The inputs to store: without the declaration's hints, which `check` has read (see types.ts). */
export function withoutHints(kind: ResourceKind, inputs: Props): Props {
  if (kind === "UserGroup") {
    const { declaredMembers, ...rest } = inputs;
    void declaredMembers;
    return rest;
  }
  if (kind === "AdobeUsers" && inputs.users && typeof inputs.users === "object") {
    const users = Object.fromEntries(
      Object.entries(inputs.users as Record<string, Props>).map(([k, u]) => {
        const { declaredGroups, ...rest } = u;
        void declaredGroups;
        return [k, rest];
      }),
    );
    return { ...inputs, users };
  }
  return inputs;
}
