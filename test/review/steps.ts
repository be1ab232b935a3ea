/** Pulumi steps as `pulumi preview --json` prints them, built for tests of the review summary. */
import type { StepJson } from "../../provider/review";

const STACK = "urn:pulumi:prod::adobe-org";
const type = (kind: string) => `pulumi-nodejs:dynamic/umapi:${kind}`;
export const urn = (kind: string, name: string) => `${STACK}::${type(kind)}::${name}`;

type Args = Record<string, unknown>;
const state = (kind: string, name: string, inputs: Args) => ({ urn: urn(kind, name), type: type(kind), inputs, outputs: { ...inputs, orgId: "ORG@AdobeOrg" } });

export const create = (kind: string, name: string, news: Args): StepJson => ({ op: "create", urn: urn(kind, name), newState: state(kind, name, news) });
export const remove = (kind: string, name: string, olds: Args): StepJson => ({ op: "delete", urn: urn(kind, name), oldState: state(kind, name, olds) });
export const update = (kind: string, name: string, olds: Args, news: Args, oldName = name): StepJson => ({ op: "update", urn: urn(kind, name), oldState: state(kind, oldName, olds), newState: state(kind, name, news) });

/** The stack resource with the outputs the org program exported at its last update. */
export const stack = (outputs: Args): StepJson => ({ op: "same", urn: `${STACK}::pulumi:pulumi:Stack::adobe-org-prod`, oldState: { urn: `${STACK}::pulumi:pulumi:Stack::adobe-org-prod`, type: "pulumi:pulumi:Stack", outputs } });

/** A preview document as the CLI prints it. */
export const previewJson = (steps: StepJson[], diagnostics: { severity: string; message: string }[] = []) => JSON.stringify({ steps, diagnostics, changeSummary: {} }, null, 4);

export const user = (email: string, extra: Args = {}) => ({ identityType: "enterpriseID", email, firstName: "F", lastName: "L", country: "US", ...extra });
