/**
 * What the Pulumi CLI prints with `--json`, read back. `pulumi preview --json` (and
 * `preview --refresh --json`) prints one document: `steps[]`, `diagnostics[]`, `changeSummary`.
 * `pulumi up --json` prints that document for its preview, then one engine event per object
 * (`resourcePreEvent`, `resOutputsEvent`, `resOpFailedEvent`, `diagnosticEvent`, `policyEvent`,
 * `summaryEvent`, ...). Only the fields the summary reads are typed.
 */
export interface StateJson {
  urn: string;
  type: string;
  id?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

/** A step: `op` is create, update, delete, same, replace, create-replacement, delete-replaced, refresh, read, ... */
export interface StepJson {
  op: string;
  urn: string;
  oldState?: StateJson;
  newState?: StateJson;
}

export interface Diagnostic {
  severity: string;
  message: string;
  urn?: string;
}

export interface PolicyViolation {
  policy: string;
  pack?: string;
  level: string;
  message: string;
  urn?: string;
}

export interface PulumiRun {
  /** "preview" for a preview document; "up" when engine events followed it (what was applied). */
  kind: "preview" | "up";
  steps: StepJson[];
  /** Steps the engine reported failed (up only), by URN. */
  failed: Set<string>;
  diagnostics: Diagnostic[];
  violations: PolicyViolation[];
  changeSummary: Record<string, number>;
  /** The run's result ("succeeded", "failed"): from the summary event, or "failed" when the preview document has an error. */
  result?: string;
  /** True when engine events were read: only they carry policy violations (CLI 3.259). */
  streamed: boolean;
}

/** Thrown for input that is not the JSON the Pulumi CLI prints. */
export class PulumiJsonError extends Error {}

/** Every JSON value in `text`, in order (the CLI prints pretty-printed documents back to back). */
export function jsonDocuments(text: string): unknown[] {
  const docs: unknown[] = [];
  let i = skipSpace(text, 0);
  while (i < text.length) {
    const end = documentEnd(text, i);
    try {
      docs.push(JSON.parse(text.slice(i, end)));
    } catch (err) {
      throw new PulumiJsonError(`not the JSON of pulumi preview --json or pulumi up --json (document at character ${i}): ${err instanceof Error ? err.message : String(err)}`);
    }
    i = skipSpace(text, end);
  }
  return docs;
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i]!)) i++;
  return i;
}

/** The index after the object or array that starts at `start`, found by bracket depth outside strings. */
function documentEnd(text: string, start: number): number {
  if (text[start] !== "{" && text[start] !== "[") throw new PulumiJsonError(`not the JSON of pulumi preview --json or pulumi up --json: expected "{" at character ${start}, found ${JSON.stringify(text.slice(start, start + 40))}`);
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{" || c === "[") depth++;
    else if ((c === "}" || c === "]") && --depth === 0) return i + 1;
  }
  throw new PulumiJsonError(`not the JSON of pulumi preview --json or pulumi up --json: the document at character ${start} is cut off`);
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Reads the CLI's output: a preview document, or engine events (an up; a preview with
 * PULUMI_ENABLE_STREAMING_JSON_PREVIEW=true, the only JSON of CLI 3.259 that carries policy
 * violations and refreshed states), or both.
 */
export function readPulumiRun(text: string): PulumiRun {
  const docs = jsonDocuments(text).filter(isObj);
  const plan = docs.find((d) => Array.isArray(d.steps));
  const events = docs.filter((d) => "sequence" in d || Object.keys(d).some((k) => k.endsWith("Event")));
  if (!plan && events.length === 0) throw new PulumiJsonError("not the JSON of pulumi preview --json or pulumi up --json: no steps[] and no engine events. Run the CLI with --json and pass its standard output");
  const run: PulumiRun = {
    kind: "preview",
    steps: ((plan?.steps as StepJson[] | undefined) ?? []).filter((s) => isObj(s) && typeof s.op === "string" && typeof s.urn === "string"),
    failed: new Set(),
    diagnostics: ((plan?.diagnostics as Diagnostic[] | undefined) ?? []).filter(isObj),
    violations: [],
    changeSummary: (plan?.changeSummary as Record<string, number> | undefined) ?? {},
    streamed: false,
  };
  if (run.diagnostics.some((d) => d.severity === "error")) run.result = "failed";
  if (events.some((e) => "resOutputsEvent" in e || "summaryEvent" in e)) applyEvents(run, phaseOf(events));
  return run;
}

/** The events of the update when an up streamed its preview's events first (each phase ends with a summaryEvent). */
function phaseOf(events: Obj[]): { events: Obj[]; up: boolean } {
  const ends = events.flatMap((e, i) => (isObj(e.summaryEvent) ? [i] : []));
  const update = ends.find((i) => (events[i]!.summaryEvent as Obj).isPreview === false);
  if (update === undefined) return { events, up: false };
  const start = ends.filter((i) => i < update).at(-1) ?? -1;
  return { events: events.slice(start + 1, update + 1), up: true };
}

/** Engine events: the steps they report done replace the document's; their diagnostics are the run's. */
function applyEvents(run: PulumiRun, { events, up }: { events: Obj[]; up: boolean }): void {
  const done: StepJson[] = [];
  const diagnostics: Diagnostic[] = [];
  const violations: PolicyViolation[] = [];
  for (const e of events) {
    const output = (e.resOutputsEvent as Obj | undefined)?.metadata as Obj | undefined;
    if (output) done.push(stepOf(output));
    const failed = (e.resOpFailedEvent as Obj | undefined)?.metadata as Obj | undefined;
    if (failed && typeof failed.urn === "string") run.failed.add(failed.urn);
    const diag = e.diagnosticEvent as Obj | undefined;
    if (diag && diag.severity !== "debug" && typeof diag.message === "string") diagnostics.push({ severity: String(diag.severity), message: `${diag.prefix ?? ""}${diag.message}`, urn: (diag.urn as string | undefined) || undefined });
    const policy = e.policyEvent as Obj | undefined;
    if (policy) violations.push({ policy: String(policy.policyName ?? ""), pack: policy.policyPackName as string | undefined, level: String(policy.enforcementLevel ?? ""), message: policyMessage(String(policy.message ?? "")), urn: (policy.resourceUrn as string | undefined) || undefined });
    const summary = e.summaryEvent as Obj | undefined;
    if (summary) {
      run.result = summary.result as string | undefined;
      if (isObj(summary.resourceChanges)) run.changeSummary = summary.resourceChanges as Record<string, number>;
    }
  }
  if (up) run.kind = "up";
  run.streamed = true;
  const reported = new Set(done.map((d) => d.urn));
  run.steps = [...done, ...run.steps.filter((s) => !reported.has(s.urn) && (!up || run.failed.has(s.urn)))];
  run.diagnostics = diagnostics;
  run.violations = violations;
}

/** A policy event's message is the policy's description, a newline, then what this resource breaks. */
function policyMessage(message: string): string {
  const lines = message.trim().split("\n");
  return (lines.length > 1 ? lines.slice(1) : lines).join(" ").trim();
}

function stepOf(meta: Obj): StepJson {
  const state = (v: unknown) => (isObj(v) && typeof v.urn === "string" ? (v as unknown as StateJson) : undefined);
  return { op: String(meta.op), urn: String(meta.urn), oldState: state(meta.old), newState: state(meta.new) };
}
