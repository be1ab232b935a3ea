/**
 * The plan basis and the validated preview, program side. Every resource records its declared
 * inputs here (when they are plain values); `validateOnPreview()` compares them with the basis the
 * last update exported (stack output `umapiPlan`) and, in a preview with `umapi:validateOnPreview`
 * (or UMAPI_VALIDATE_ON_PREVIEW=true), has UMAPI check the changed ones with testOnly commands.
 * A preview without changes sends nothing.
 */
import * as pulumi from "@pulumi/pulumi";
import type { PlannedChange, ValidationResult } from "../host/validation";
import type { ResourceKind } from "./types";
import { withoutHints } from "./hints";

type Args = Record<string, unknown>;

/** What the stack exports as `umapiPlan`: each resource's declared inputs, by logical name. */
export interface PlanBasis {
  version: 1;
  resources: Record<string, [ResourceKind, Args]>;
}

interface Declared {
  kind: ResourceKind;
  name: string;
  args: Args;
  /** Earlier names (aliases): a resource found under one of them is an update, not a create. */
  aliases: string[];
}

const declared = new Map<string, Declared>();
let computed = 0;

/** Called by every resource constructor. Inputs that are Outputs or promises cannot be validated before the engine resolves them. */
export function recordDeclared(kind: ResourceKind, name: string, given: object, opts?: pulumi.CustomResourceOptions): void {
  // The dynamic-resource base class adds the serialized provider to the object it was given.
  const { __provider, ...declaredArgs } = given as Args;
  void __provider;
  const args = withoutHints(kind, declaredArgs);
  if (!isPlain(args)) {
    computed++;
    return;
  }
  const aliases = (opts?.aliases ?? []).flatMap((a) => (typeof a === "object" && a !== null && "name" in a && typeof a.name === "string" ? [a.name] : []));
  declared.set(name, { kind, name, args: JSON.parse(JSON.stringify(args)) as Args, aliases });
}

function isPlain(v: unknown): boolean {
  if (v === null || typeof v !== "object") return typeof v !== "function";
  if (pulumi.Output.isInstance(v) || typeof (v as { then?: unknown }).then === "function") return false;
  return Object.values(v).every(isPlain);
}

export function planBasis(): PlanBasis {
  const resources: PlanBasis["resources"] = {};
  for (const d of declared.values()) resources[d.name] = [d.kind, d.args];
  return { version: 1, resources };
}

/** Creates, updates and removals between the last update's basis and the resources declared now. */
export function planChanges(previous: PlanBasis): PlannedChange[] {
  const before = new Map(Object.entries(previous.resources));
  const changes: PlannedChange[] = [];
  for (const d of declared.values()) {
    const earlier = [d.name, ...d.aliases].find((n) => before.has(n));
    const old = earlier === undefined ? undefined : before.get(earlier)!;
    if (earlier !== undefined) before.delete(earlier);
    if (old && old[0] === d.kind && stable(old[1]) === stable(d.args)) continue;
    changes.push({ name: d.name, kind: d.kind, olds: old?.[1], news: d.args });
  }
  for (const [name, [kind, args]] of before) changes.push({ name, kind, olds: args });
  return changes;
}

function stable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(",")}]`;
  if (v && typeof v === "object") return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${stable((v as Args)[k])}`).join(",")}}`;
  return JSON.stringify(v);
}

/**
 * This stack's outputs at its last update (none on the first one). `pulumi:pulumi:readStackOutputs`
 * is the engine's built-in function behind StackReference; calling it directly reads the same
 * outputs without a StackReference resource, which would keep a copy of them in the state and show
 * up as a `read` in every preview.
 */
export async function readStackOutputs(): Promise<Record<string, unknown>> {
  const name = `${pulumi.getOrganization()}/${pulumi.getProject()}/${pulumi.getStack()}`;
  const { outputs = {} } = (await pulumi.runtime.invoke("pulumi:pulumi:readStackOutputs", { name })) as { outputs?: Record<string, unknown> };
  return outputs;
}

export function validationEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  const configured = new pulumi.Config("umapi").get("validateOnPreview") ?? env.UMAPI_VALIDATE_ON_PREVIEW ?? "false";
  if (!["true", "false"].includes(configured.toLowerCase())) throw new pulumi.RunError(`umapi:validateOnPreview (UMAPI_VALIDATE_ON_PREVIEW) must be true or false, got "${configured}"`);
  return configured.toLowerCase() === "true";
}

/** Thrown when UMAPI refuses part of the plan: one line per refusal. */
export class PlanRefusedError extends pulumi.RunError {
  constructor(readonly result: ValidationResult) {
    super(
      `UMAPI refused ${result.refusals.length} of the ${result.changes} planned changes (testOnly validation of this preview; nothing was changed):\n` +
        result.refusals.map((r) => `  - ${r}`).join("\n") +
        "\nFix these in the program (or org.yaml), or preview without validation (umapi:validateOnPreview false) to see the plan alone.",
    );
    this.stack = undefined;
  }
}

/**
 * Call once, after every resource is declared, and export the result as `umapiPlan`:
 * `export const umapiPlan = validateOnPreview();` (the org.yaml program does). During a preview
 * with validation on, the changed resources' commands go to UMAPI with testOnly; a refusal fails
 * the preview, an accepted plan logs one line. Outside a preview it only returns the basis.
 * `previousOutputs`: this stack's outputs, when the program has read them already.
 */
export async function validateOnPreview(options: { previousOutputs?: Record<string, unknown> } = {}): Promise<PlanBasis> {
  const basis = planBasis();
  if (!pulumi.runtime.isDryRun() || !validationEnabled()) return basis;
  const previous = await previousBasis(options.previousOutputs);
  if (!previous) {
    pulumi.log.info("umapi: this preview is not validated: the last update recorded no plan basis (umapiPlan); the next preview after a `pulumi up` will be");
    return basis;
  }
  const changes = planChanges(previous);
  const skipped = computed > 0 ? `; ${computed} resource(s) with computed inputs not validated` : "";
  if (changes.length === 0) {
    pulumi.log.info(`umapi: nothing to validate: no declared change (0 requests)${skipped}`);
    return basis;
  }
  const { validatePlan } = await import("../host/validation");
  const result = await validatePlan(changes, await umapiConfig());
  if (result.refusals.length > 0) throw new PlanRefusedError(result);
  pulumi.log.info(
    `umapi: UMAPI validated ${result.commands} command(s) for ${result.changes} planned change(s) in ${result.actionRequests} testOnly request(s) (${result.reads} read(s)); nothing was changed${skipped}`,
  );
  return basis;
}

/**
 * The basis to validate against: the last update's `umapiPlan`; an empty one when the stack's
 * state holds none of this package's resources (a new stack: every declared resource is a create);
 * undefined when resources exist but their update recorded no basis (an update before umapiPlan).
 */
async function previousBasis(previousOutputs?: Record<string, unknown>): Promise<PlanBasis | undefined> {
  const recorded = (previousOutputs ?? (await readStackOutputs())).umapiPlan as PlanBasis | undefined;
  if (recorded?.version === 1) return recorded;
  return (await holdsResourcesOfThisPackage()) ? undefined : { version: 1, resources: {} };
}

/** The type tokens of this package's resources: `pulumi-nodejs:dynamic/umapi:<Kind>`. */
const OWN_TYPE = /^pulumi-nodejs:dynamic\/umapi:/;

/**
 * Whether the stack's last state holds a resource of this package. `pulumi:pulumi:readStackResourceOutputs`
 * is the engine's built-in function behind StackReference's resource outputs: every resource of
 * the stack's last checkpoint by URN, with its type.
 */
async function holdsResourcesOfThisPackage(): Promise<boolean> {
  return (await previousResourceKinds()).size > 0;
}

/** The kinds of this package's resources in the stack's last state (read whole: call it only when the outputs cannot tell). */
export async function previousResourceKinds(): Promise<Set<string>> {
  return new Set((await previousResources()).map((r) => r.kind));
}

/** This package's resources in the stack's last state, with their outputs (the whole state: call it only when the outputs cannot tell). */
export async function previousResources(): Promise<{ kind: string; outputs: Record<string, unknown> }[]> {
  const stackName = `${pulumi.getOrganization()}/${pulumi.getProject()}/${pulumi.getStack()}`;
  const { outputs = {} } = (await pulumi.runtime.invoke("pulumi:pulumi:readStackResourceOutputs", { stackName })) as { outputs?: Record<string, { type?: string; outputs?: Record<string, unknown> }> };
  return Object.values(outputs).flatMap((r) => (OWN_TYPE.test(r?.type ?? "") ? [{ kind: r.type!.replace(OWN_TYPE, ""), outputs: r.outputs ?? {} }] : []));
}

/** The stack's `umapi:*` settings, as the provider process would get them (secrets decrypted). */
async function umapiConfig(): Promise<Record<string, string>> {
  const { CONFIG_KEYS } = await import("../host/runtime");
  const config = new pulumi.Config("umapi");
  const values: Record<string, string> = {};
  for (const k of CONFIG_KEYS) {
    const v = config.get(k);
    if (v !== undefined && v !== "") values[k] = v;
  }
  return values;
}

/** For tests: forget what was declared. */
export function resetDeclared(): void {
  declared.clear();
  computed = 0;
}
