/**
 * Runs policies the way `@pulumi/policy`'s server does (its own `runResourcePolicy` helpers are not
 * published): props go through the SDK's unknown-checking proxy, `getConfig` returns the given config
 * over the schema defaults (the CLI fills defaults in), and `notApplicable` throws {@link NotApplicable}.
 */
import type {
  Policy,
  PolicyResource,
  PolicyResourceOptions,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationPolicy,
} from "@pulumi/policy";
import * as policyProxy from "@pulumi/policy/proxy";

// Internal to the SDK (its .d.ts is stripped), but it is exactly what policies see at run time.
const sdk = policyProxy as unknown as { unknownCheckingProxy<T extends object>(o: T): T; unknownStringValue: string; unknownArrayValue: string };

/** A string (or list) input that is unknown during preview, e.g. another resource's output. */
export const UNKNOWN = sdk.unknownStringValue;
export const UNKNOWN_LIST = sdk.unknownArrayValue;

export class NotApplicable extends Error {
  override name = "NotApplicable";
}

export interface TestResource {
  type: string;
  name: string;
  props: Record<string, unknown>;
  opts?: Partial<PolicyResourceOptions>;
}

export interface Violation {
  message: string;
  urn?: string;
}

export const urnOf = (r: { type: string; name: string }) => `urn:pulumi:test::umapi::${r.type}::${r.name}`;

function options(opts: Partial<PolicyResourceOptions> = {}): PolicyResourceOptions {
  const customTimeouts = { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 };
  return { protect: false, ignoreChanges: [], aliases: [], customTimeouts, additionalSecretOutputs: [], ...opts };
}

function configFor(policy: Policy, config: object): object {
  const schema = Object.entries(policy.configSchema?.properties ?? {});
  const defaults = Object.fromEntries(schema.flatMap(([k, s]) => (s.default === undefined ? [] : [[k, s.default]])));
  return { ...defaults, ...config };
}

function policyResource(r: TestResource): PolicyResource {
  return {
    type: r.type,
    props: sdk.unknownCheckingProxy(structuredClone(r.props)),
    urn: urnOf(r),
    name: r.name,
    opts: options(r.opts),
    dependencies: [],
    propertyDependencies: {},
    isType: (cls: unknown) => (cls as { __pulumiType?: string }).__pulumiType === r.type,
    asType: () => undefined,
  };
}

const notApplicable = (reason?: string): never => {
  throw new NotApplicable(reason);
};

function resourceArgs(policy: Policy, r: TestResource, config: object): ResourceValidationArgs {
  const { type, props, urn, name, opts, isType } = policyResource(r);
  const getConfig = <T extends object>() => configFor(policy, config) as T;
  return { type, props, urn, name, opts, isType, asType: () => undefined, stackTags: new Map(), getConfig, notApplicable };
}

/** The messages a resource policy reports for one resource. */
export async function runResourcePolicy(policy: ResourceValidationPolicy, r: TestResource, config: object = {}): Promise<string[]> {
  const messages: string[] = [];
  for (const validate of [policy.validateResource ?? []].flat()) {
    await validate(resourceArgs(policy, r, config), (message) => messages.push(message));
  }
  return messages;
}

/** The props a remediation returns (as plain data), or undefined when it changes nothing. */
export async function runRemediation(policy: ResourceValidationPolicy, r: TestResource, config: object = {}): Promise<Record<string, unknown> | undefined> {
  const result = await policy.remediateResource?.(resourceArgs(policy, r, config));
  return result ? (JSON.parse(JSON.stringify(result)) as Record<string, unknown>) : undefined;
}

/** The violations (message and the URN it names) a stack policy reports. */
export async function runStackPolicy(policy: StackValidationPolicy, resources: TestResource[], config: object = {}): Promise<Violation[]> {
  const violations: Violation[] = [];
  const getConfig = <T extends object>() => configFor(policy, config) as T;
  await policy.validateStack({ resources: resources.map(policyResource), stackTags: new Map(), getConfig, notApplicable }, (message, urn) =>
    violations.push(urn === undefined ? { message } : { message, urn }),
  );
  return violations;
}
