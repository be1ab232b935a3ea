/** Metrics and the request log. Nothing recorded here ever holds a header, token or secret. */
import type { EndpointClass } from "../provider/umapi/limits";
import type { EmulatorMetrics, FaultKind, RecordedRequest } from "./types";

/** The log keeps the most recent requests only. */
export const MAX_RECORDED_REQUESTS = 100_000;

function emptyMetrics(): EmulatorMetrics {
  return {
    requests: { action: 0, users: 0, user: 0, usersByGroup: 0, groups: 0, ims: 0, total: 0 },
    throttled: 0,
    throttledByClass: {},
    actionCommands: 0,
    actionCommandsTestOnly: 0,
    faults: { status502: 0, status503: 0, status504: 0, status429: 0, connectionReset: 0, responseLost: 0, truncated: 0, pageTwice: 0, countMismatch: 0 },
    unauthorized: 0,
    byClient: {},
  };
}

export class Recorder {
  private m = emptyMetrics();
  private log: RecordedRequest[] = [];

  countRequest(cls: EndpointClass | "ims" | null): void {
    if (cls) this.m.requests[cls]++;
    this.m.requests.total++;
  }

  countStatus(cls: string | null, status: number, clientId?: string): void {
    if (status === 401 || status === 403) this.m.unauthorized++;
    if (clientId !== undefined) {
      const c = (this.m.byClient[clientId] ??= { requests: 0, action: 0, throttled: 0 });
      c.requests++;
      if (cls === "action") c.action++;
      if (status === 429) c.throttled++;
    }
    if (status === 429) {
      this.m.throttled++;
      const key = cls ?? "unknown";
      this.m.throttledByClass[key] = (this.m.throttledByClass[key] ?? 0) + 1;
    }
  }

  countFault(kind: FaultKind): void {
    this.m.faults[kind]++;
  }

  countCommands(n: number, testOnly: boolean): void {
    if (testOnly) this.m.actionCommandsTestOnly += n;
    else this.m.actionCommands += n;
  }

  record(entry: RecordedRequest): void {
    this.log.push(entry);
    if (this.log.length > MAX_RECORDED_REQUESTS) this.log.splice(0, this.log.length - MAX_RECORDED_REQUESTS);
  }

  metrics(): EmulatorMetrics {
    return structuredClone(this.m);
  }

  requests(): RecordedRequest[] {
    return structuredClone(this.log);
  }

  reset(): void {
    this.m = emptyMetrics();
    this.log = [];
  }
}
