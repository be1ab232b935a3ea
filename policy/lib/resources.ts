import type { PolicyResource, ReportViolation, ResourceRemediation, ResourceValidation, ResourceValidationArgs } from "@pulumi/policy";
import {
  typeToken,
  type AdminRoleAssignmentArgs,
  type AdobeUserArgs,
  type AdobeUsersArgs,
  type AdobeUsersEntry,
  type GroupMembersArgs,
  type GroupMembershipArgs,
  type ResourceKind,
  type UserGroupArgs,
  type UserGroupProductProfileArgs,
} from "../../provider/resources/types";

/** The checked inputs a policy sees for each resource kind. */
export interface PropsOf {
  AdobeUser: AdobeUserArgs;
  AdobeUsers: AdobeUsersArgs;
  UserGroup: UserGroupArgs;
  GroupMembership: GroupMembershipArgs;
  GroupMembers: GroupMembersArgs;
  UserGroupProductProfile: UserGroupProductProfileArgs;
  AdminRoleAssignment: AdminRoleAssignmentArgs;
}

/** Narrows a resource (or validation args) to one of our kinds by its type token. */
export function propsOf<K extends ResourceKind>(kind: K, resource: { type: string; props: Record<string, unknown> }): PropsOf[K] | undefined {
  return resource.type === typeToken(kind) ? (resource.props as unknown as PropsOf[K]) : undefined;
}

/**
 * The users a resource declares: an AdobeUser, or each user of an AdobeUsers set (org.yaml's
 * layout), named `user:<email>` as its own resource was before sets, protected when its entry is.
 */
export function usersOf<R extends { type: string; props: Record<string, unknown>; name?: string; opts?: { protect?: boolean } }>(resource: R): { resource: R; props: AdobeUserArgs & Partial<AdobeUsersEntry> }[] {
  const single = propsOf("AdobeUser", resource);
  if (single) return [{ resource, props: single }];
  const set = propsOf("AdobeUsers", resource);
  if (!set || !set.users || typeof set.users !== "object") return [];
  return Object.entries(set.users).map(([key, props]) => ({
    resource: { ...resource, name: `user:${key}`, ...(resource.opts ? { opts: { ...resource.opts, protect: Boolean(resource.opts.protect || props.protect) } } : {}) },
    props,
  }));
}

/**
 * A validation that runs on one resource kind only. The SDK reads `__pulumiType` off the function to
 * report other types as not applicable without calling it (`@pulumi/policy` server.ts `getPulumiType`).
 */
export function validateKind<K extends ResourceKind>(
  kind: K,
  validate: (props: PropsOf[K], args: ResourceValidationArgs, report: ReportViolation) => void,
): ResourceValidation {
  const token = typeToken(kind);
  if (kind === "AdobeUser") {
    // Users are also declared in AdobeUsers sets: each is validated as the AdobeUser it declares.
    return (args, report) => {
      const users = usersOf(args);
      if (users.length === 0) return args.notApplicable(`Policy only applies to resources of type '${token}' (and the users of '${typeToken("AdobeUsers")}')`);
      for (const { props } of users) validate(props as PropsOf[K], args, report);
    };
  }
  const fn: ResourceValidation = (args, report) => {
    const props = propsOf(kind, args);
    if (!props) return args.notApplicable(`Policy only applies to resources of type '${token}'`);
    validate(props, args, report);
  };
  return Object.assign(fn, { __pulumiType: token });
}

/** The resources of one kind in a stack, with their props narrowed. */
export function resourcesOf<K extends ResourceKind>(kind: K, resources: PolicyResource[]): { resource: PolicyResource; props: PropsOf[K] }[] {
  if (kind === "AdobeUser") return resources.flatMap((resource) => usersOf(resource) as { resource: PolicyResource; props: PropsOf[K] }[]);
  return resources.flatMap((resource) => {
    const props = propsOf(kind, resource);
    return props ? [{ resource, props }] : [];
  });
}

/** True for the error `@pulumi/policy` throws when a value is unknown during preview (its type is not exported). */
export function isUnknownValueError(e: unknown): boolean {
  return e instanceof Error && "unknownTypeSentinel" in e && Array.isArray((e as { props?: unknown }).props);
}

/**
 * Reads a value, or `undefined` if it is unknown during preview. Stack policies use it so that one
 * unknown value skips one resource, not the whole check; the engine runs them again with known values.
 */
export function known<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch (e) {
    if (isUnknownValueError(e)) return undefined;
    throw e;
  }
}

/** A string value, or undefined for anything else (absent, unknown during preview, wrong type). */
export function knownString(read: () => unknown): string | undefined {
  const v = known(read);
  return typeof v === "string" ? v : undefined;
}

/** The known string elements of a list; unknown or non-string elements are skipped. */
export function knownStrings(read: () => readonly unknown[] | undefined): string[] {
  const list = known(read);
  if (!Array.isArray(list)) return [];
  const out: string[] = [];
  for (let i = 0; i < list.length; i++) {
    const v = known(() => list[i]);
    if (typeof v === "string") out.push(v);
  }
  return out;
}

/** The string elements of a list (resource policies: an unknown element throws and the SDK skips the policy). */
export function stringsOf(list: readonly unknown[] | undefined): string[] {
  if (!Array.isArray(list)) return [];
  const out: string[] = [];
  for (let i = 0; i < list.length; i++) {
    const v: unknown = list[i];
    if (typeof v === "string") out.push(v);
  }
  return out;
}

/** A remediation that runs on one resource kind only (same `__pulumiType` fast path as {@link validateKind}). */
export function remediateKind<K extends ResourceKind>(
  kind: K,
  remediate: (props: PropsOf[K], args: ResourceValidationArgs) => Record<string, unknown> | undefined,
): ResourceRemediation {
  const token = typeToken(kind);
  if (kind === "AdobeUser") {
    // A set is remediated user by user; it returns the whole set when one of them changed.
    return (args) => {
      const single = propsOf("AdobeUser", args);
      if (single) return remediate(single as PropsOf[K], args);
      const set = propsOf("AdobeUsers", args);
      if (!set) return args.notApplicable(`Policy only applies to resources of type '${token}' (and the users of '${typeToken("AdobeUsers")}')`);
      let changed = false;
      const users = Object.fromEntries(
        Object.entries(set.users ?? {}).map(([key, u]) => {
          const fixed = remediate(u as PropsOf[K], args);
          changed ||= fixed !== undefined;
          return [key, fixed ?? u];
        }),
      );
      return changed ? { ...set, users } : undefined;
    };
  }
  const fn: ResourceRemediation = (args) => {
    const props = propsOf(kind, args);
    if (!props) return args.notApplicable(`Policy only applies to resources of type '${token}'`);
    return remediate(props, args);
  };
  return Object.assign(fn, { __pulumiType: token });
}
