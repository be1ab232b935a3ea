/**
 * Injected faults (per UMAPI request, never IMS or the control plane): connection resets, gateway
 * errors, random and long 429s, lost action responses, added latency. A seeded PRNG makes a fault
 * sequence reproducible.
 */
import { z } from "zod";
import type { FaultSpec, ListingFaultKind } from "./types";

const probability = z.number().min(0).max(1).optional();
/** The endpoints a listing fault can affect (reference §3: the paged listings). */
const LISTING_ENDPOINTS = ["users", "usersByGroup", "groups"] as const;
export const FaultSpecSchema = z.strictObject({
  status502: probability,
  status503: probability,
  status504: probability,
  status429: probability,
  retryAfterSeconds: z.number().positive().optional(),
  connectionReset: probability,
  responseLost: probability,
  latencyMs: z.number().min(0).optional(),
  longThrottle: z.strictObject({ retryAfterSeconds: z.number().positive(), afterRequests: z.number().int().min(0).optional() }).optional(),
  listing: z
    .strictObject({
      kind: z.enum(["truncated", "pageTwice", "countMismatch"]),
      endpoints: z.array(z.enum(LISTING_ENDPOINTS)).min(1).optional(),
      times: z.number().int().min(1).optional(),
    })
    .optional(),
  seed: z.number().int().optional(),
});

const CLI_KEYS: Record<string, keyof FaultSpec | "longThrottleAfter"> = {
  "502": "status502",
  "503": "status503",
  "504": "status504",
  "429": "status429",
  reset: "connectionReset",
  lost: "responseLost",
  latency: "latencyMs",
  retryAfter: "retryAfterSeconds",
  seed: "seed",
  longThrottle: "longThrottle",
  longThrottleAfter: "longThrottleAfter",
};

/** CLI names of the listing faults; the value is how many listings (0: every listing). */
const LISTING_KEYS: Record<string, ListingFaultKind> = { truncatedListing: "truncated", pageTwice: "pageTwice", countMismatch: "countMismatch" };

/**
 * CLI syntax, e.g. `502=0.1,503=0.05,504=0.05,429=0.1,reset=0.01,lost=0.05,latency=20,retryAfter=2,seed=7,longThrottle=3600`
 * (`longThrottleAfter=N` delays the long throttle by N requests). The long names of `FaultSpec` work too.
 * Listing faults: `truncatedListing=N`, `pageTwice=N` or `countMismatch=N` affect N listings (0: all).
 */
export function parseFaultSpec(text: string): FaultSpec {
  const raw: Record<string, unknown> = {};
  let longSeconds: number | undefined;
  let longAfter: number | undefined;
  for (const part of text.split(",").map((p) => p.trim()).filter(Boolean)) {
    const [name = "", value = ""] = part.split("=", 2).map((s) => s.trim());
    const num = Number(value);
    const listingKind = LISTING_KEYS[name];
    if (listingKind && value !== "" && Number.isInteger(num) && num >= 0) {
      raw.listing = { kind: listingKind, ...(num > 0 ? { times: num } : {}) };
      continue;
    }
    const key = CLI_KEYS[name] ?? (name in FaultSpecSchema.shape ? name : undefined);
    if (!key || value === "" || !Number.isFinite(num)) throw new Error(`Invalid fault setting: ${part}`);
    if (key === "longThrottleAfter") longAfter = num;
    else if (key === "longThrottle") longSeconds = num;
    else raw[key] = num;
  }
  if (longAfter !== undefined && longSeconds === undefined) throw new Error("longThrottleAfter needs longThrottle");
  if (longSeconds !== undefined) raw.longThrottle = { retryAfterSeconds: longSeconds, afterRequests: longAfter };
  return validateFaultSpec(raw);
}

export function validateFaultSpec(value: unknown): FaultSpec {
  const result = FaultSpecSchema.safeParse(value);
  if (!result.success) throw new Error(`Invalid fault spec:\n${z.prettifyError(result.error)}`);
  return result.data;
}

/** mulberry32: a tiny seeded PRNG. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type FaultDecision =
  | { kind: "connectionReset" }
  | { kind: "status502" | "status503" | "status504" }
  | { kind: "status429"; retryAfterSeconds: number };

/** Decides, per UMAPI request, which fault (if any) to inject. */
export class FaultInjector {
  private spec: FaultSpec | null = null;
  private random: () => number = Math.random;
  private seen = 0;
  private listingsFaulted = 0;

  constructor(spec: FaultSpec | null | undefined, private readonly timeScale: number) {
    this.set(spec ?? null);
  }

  set(spec: FaultSpec | null): void {
    this.spec = spec;
    this.random = mulberry32(spec?.seed ?? 1);
    this.seen = 0;
    this.listingsFaulted = 0;
  }

  get latencyMs(): number {
    return this.spec?.latencyMs ?? 0;
  }

  /** Before processing: a reset, a gateway error, a 429, or null. */
  before(): FaultDecision | null {
    const spec = this.spec;
    if (!spec) return null;
    this.seen++;
    const long = spec.longThrottle;
    if (long && this.seen > (long.afterRequests ?? 0)) {
      return { kind: "status429", retryAfterSeconds: this.scaled(long.retryAfterSeconds) };
    }
    // One draw per request against cumulative probabilities: at most one fault per request.
    const r = this.random();
    const table: [number | undefined, FaultDecision][] = [
      [spec.connectionReset, { kind: "connectionReset" }],
      [spec.status502, { kind: "status502" }],
      [spec.status503, { kind: "status503" }],
      [spec.status504, { kind: "status504" }],
      [spec.status429, { kind: "status429", retryAfterSeconds: this.scaled(spec.retryAfterSeconds ?? 1) }],
    ];
    let edge = 0;
    for (const [p, decision] of table) {
      edge += p ?? 0;
      if (r < edge) return decision;
    }
    return null;
  }

  /**
   * The listing fault to apply to this page of a listing, if any; spends one of its `times` on
   * the page where it shows.
   */
  listingFault(cls: string, page: number): ListingFaultKind | null {
    const f = this.spec?.listing;
    if (!f || !(f.endpoints ?? LISTING_ENDPOINTS).includes(cls as (typeof LISTING_ENDPOINTS)[number])) return null;
    if (page !== (f.kind === "pageTwice" ? 1 : 0)) return null;
    if (f.times !== undefined) {
      if (this.listingsFaulted >= f.times) return null;
      this.listingsFaulted++;
    }
    return f.kind;
  }

  /** After processing an action request: should its response be lost? */
  loseResponse(): boolean {
    const p = this.spec?.responseLost ?? 0;
    return p > 0 && this.random() < p;
  }

  private scaled(seconds: number): number {
    return Math.max(1, Math.ceil(seconds / this.timeScale));
  }
}
