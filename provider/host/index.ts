/**
 * The dynamic-provider side of every resource, loaded by package name inside the provider process
 * (see resources/provider.ts). Dispatches each call to the resource kind's handler.
 */
import type { ResourceKind } from "../resources/types";
import { checkInputs } from "../resources/validation";
import type { Handler } from "./handlers/handler";
import { adobeUser } from "./handlers/adobeUser";
import { userGroup } from "./handlers/userGroup";
import { adminRoleAssignment, groupMembership } from "./handlers/membership";
import { groupMembers } from "./handlers/groupMembers";
import { userGroupProductProfile } from "./handlers/productProfile";
import { configure as configureRuntime, getRuntime, type ConfigSource } from "./runtime";

const HANDLERS: Record<ResourceKind, Handler<never, never>> = {
  AdobeUser: adobeUser as Handler<never, never>,
  UserGroup: userGroup as Handler<never, never>,
  GroupMembership: groupMembership as Handler<never, never>,
  GroupMembers: groupMembers as Handler<never, never>,
  UserGroupProductProfile: userGroupProductProfile as Handler<never, never>,
  AdminRoleAssignment: adminRoleAssignment as Handler<never, never>,
};

type Props = Record<string, unknown>;

/** Removes the host's `__provider` text so handlers see plain inputs and outputs. */
function plain(p: Props | undefined): Props {
  const { __provider, ...rest } = p ?? {};
  void __provider;
  return rest;
}

export function configure(config: ConfigSource): void {
  configureRuntime(config);
}

export async function check(kind: ResourceKind, _olds: Props, news: Props) {
  const { inputs, failures } = checkInputs(kind, news);
  return { inputs: { ...inputs, __provider: news.__provider }, failures };
}

export async function diff(kind: ResourceKind, id: string, olds: Props, news: Props) {
  return HANDLERS[kind].diff(id, plain(olds) as never, plain(news) as never);
}

export async function create(kind: ResourceKind, inputs: Props) {
  return HANDLERS[kind].create(plain(inputs) as never);
}

export async function read(kind: ResourceKind, id: string, props: Props) {
  return HANDLERS[kind].read(id, plain(props) as never);
}

export async function update(kind: ResourceKind, id: string, olds: Props, news: Props) {
  return HANDLERS[kind].update(id, plain(olds) as never, plain(news) as never);
}

export async function remove(kind: ResourceKind, id: string, props: Props) {
  return HANDLERS[kind].delete(id, plain(props) as never);
}

/** UMAPI requests this process has sent, by endpoint class (for tests and benchmarks). */
export function requestCounts() {
  return { ...getRuntime().client.requestCounts };
}
