/**
 * The dynamic-provider side of every resource, loaded by package name inside the provider process
 * (see resources/provider.ts). Dispatches each call to the resource kind's handler.
 */
import type { ResourceKind } from "../resources/types";
import { checkInputs } from "../resources/validation";
import { HANDLERS } from "./handlers";
import { PartialOutcomeError } from "./errors";
import { assertOrg } from "./orgPin";
import { withoutHints } from "../resources/hints";
import { configure as configureRuntime, getRuntime, processClaims, processOrgNotice, type ConfigSource } from "./runtime";


type Props = Record<string, unknown>;

/**
 * Removes what the host owns from the handlers' view: the `__provider` text, and `orgId` (org
 * pinning), which the host checks and records itself.
 */
function plain(p: Props | undefined): Props {
  const { __provider, orgId, ...rest } = p ?? {};
  void __provider;
  void orgId;
  return rest;
}

export function configure(config: ConfigSource): void {
  configureRuntime(config);
}

/** The object a resource's properties name, for messages. */
function objectOf(props: Props, fallback = ""): string {
  const set = props.users && typeof props.users === "object" && !Array.isArray(props.users) ? Object.keys(props.users) : undefined;
  if (set) return set.length === 1 ? set[0]! : `${set.length} users`;
  return String(props.email ?? props.name ?? props.user ?? props.group ?? fallback);
}

export async function check(kind: ResourceKind, _olds: Props, news: Props) {
  const { inputs, failures } = checkInputs(kind, news);
  processClaims().declare(kind, inputs);
  const stored = withoutHints(kind, inputs);
  // check stays local and never fails for want of credentials: it only refuses a disallowed org.
  const rt = configuredRuntime();
  if (rt?.settings.allowedOrgIds) assertOrg(kind, objectOf(news), rt.client.orgId, rt.settings.allowedOrgIds, undefined);
  return { inputs: { ...stored, __provider: news.__provider }, failures };
}

export async function diff(kind: ResourceKind, id: string, olds: Props, news: Props) {
  // diff is local too: without credentials (a preview that cannot reach UMAPI) there is no org to compare.
  const rt = configuredRuntime();
  if (rt) assertOrg(kind, id, rt.client.orgId, rt.settings.allowedOrgIds, olds.orgId);
  return HANDLERS[kind].diff(id, plain(olds) as never, plain(news) as never);
}

export async function create(kind: ResourceKind, inputs: Props) {
  const orgId = pinned(kind, objectOf(inputs), undefined);
  try {
    const { id, outs } = await HANDLERS[kind].create(plain(inputs) as never);
    return { id, outs: { ...(outs as Props), orgId } };
  } catch (err) {
    if (err instanceof PartialOutcomeError) Object.assign(err.properties, { orgId });
    throw err;
  }
}

export async function read(kind: ResourceKind, id: string, props: Props) {
  const orgId = pinned(kind, id, props.orgId);
  // Refresh and destroy name the org they act on.
  processOrgNotice().announce("read", orgId);
  const result = await HANDLERS[kind].read(id, plain(props) as never);
  // Gone from the org: the engine drops it from the stack, unless this refresh has dropped its budget.
  if (!result.id) await getRuntime().refreshDrops.admit(kind, id);
  // Resources written before org pinning get their org at this read.
  return result.id && result.props ? { ...result, props: { ...(result.props as Props), orgId } } : result;
}

export async function update(kind: ResourceKind, id: string, olds: Props, news: Props) {
  const orgId = pinned(kind, id, olds.orgId);
  try {
    const { outs } = await HANDLERS[kind].update(id, plain(olds) as never, plain(news) as never);
    return { outs: { ...(outs as Props), orgId } };
  } catch (err) {
    if (err instanceof PartialOutcomeError) Object.assign(err.properties, { orgId });
    throw err;
  }
}

/** Deletes that take a user out of the org (any onDelete mode) or delete a user group: braked. */
const REMOVALS: ReadonlySet<ResourceKind> = new Set(["AdobeUser", "UserGroup"]);

export async function remove(kind: ResourceKind, id: string, props: Props) {
  const orgId = pinned(kind, id, props.orgId);
  // The user moved into an AdobeUsers set of this run (org.yaml's layout since 0.3): forget, do not remove.
  if (kind === "AdobeUser" && typeof props.email === "string" && processClaims().declaredInSet(props.email)) return;
  processOrgNotice().announce("delete", orgId);
  if (REMOVALS.has(kind)) await getRuntime().removals.admit(kind, objectOf(props, id));
  return HANDLERS[kind].delete(id, plain(props) as never);
}

/** The org of this run, after refusing a recorded or disallowed other org (before any request). */
function pinned(kind: ResourceKind, object: string, recorded: unknown): string {
  const rt = getRuntime();
  assertOrg(kind, object, rt.client.orgId, rt.settings.allowedOrgIds, recorded);
  return rt.client.orgId;
}

/** The runtime, or undefined when the credentials it needs are not configured. */
function configuredRuntime(): ReturnType<typeof getRuntime> | undefined {
  try {
    return getRuntime();
  } catch {
    return undefined;
  }
}

/** UMAPI requests this process has sent, by endpoint class (for tests and benchmarks). */
export function requestCounts() {
  return { ...getRuntime().client.requestCounts };
}
