/**
 * The paging layer under generated listings: an honest paging of a true set of objects, then faults
 * a server could make (a page that says lastPage too early or never, objects dropped from a page, a
 * page served twice, or one page's X-Total-Count, X-Page-Count or X-Current-Page off). Whatever the
 * mix, readListing either returns exactly the true set or throws: it never returns a listing that
 * contradicts itself. (A lie that is consistent across every header and page cannot be told from
 * the truth by any reader; the generator does not make one: header faults touch one header of a
 * page, structural faults leave the headers honest.)
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InconsistentListingError, readListing, type ListingSpec } from "../../provider/umapi/listing";
import type { Page } from "../../provider/umapi/paging";

type Fault =
  | { kind: "earlyLast" | "neverLast" | "twice"; page: number }
  | { kind: "drop"; page: number; count: number }
  | { kind: "total" | "pageCount" | "current"; page: number; delta: number };

function honestPages(items: string[], pageSize: number): Page<string>[] {
  const pageCount = Math.max(1, Math.ceil(items.length / pageSize));
  return Array.from({ length: pageCount }, (_, i) => ({
    items: items.slice(i * pageSize, (i + 1) * pageSize),
    lastPage: i === pageCount - 1,
    totalCount: items.length,
    pageCount,
    currentPage: i,
    pageSize,
  }));
}

function withFaults(pages: Page<string>[], faults: Fault[]): Page<string>[] {
  const out = pages.map((p) => ({ ...p, items: [...p.items] }));
  for (const f of faults) {
    const i = f.page % out.length;
    const p = out[i]!;
    switch (f.kind) {
      case "earlyLast":
        p.lastPage = true;
        break;
      case "neverLast":
        p.lastPage = false;
        break;
      case "twice":
        if (i > 0) out[i] = { ...out[i - 1]!, items: [...out[i - 1]!.items] };
        break;
      case "drop":
        p.items.splice(0, f.count);
        break;
      case "total":
        p.totalCount = Math.max(0, p.totalCount! + f.delta);
        break;
      case "pageCount":
        p.pageCount = Math.max(0, p.pageCount! + f.delta);
        break;
      case "current":
        p.currentPage = Math.max(0, p.currentPage! + f.delta);
        break;
    }
  }
  return out;
}

const structural = fc.array(
  fc.oneof(
    fc.record({ kind: fc.constantFrom("earlyLast" as const, "neverLast" as const, "twice" as const), page: fc.nat(8) }),
    fc.record({ kind: fc.constant("drop" as const), page: fc.nat(8), count: fc.integer({ min: 1, max: 6 }) }),
  ),
  { minLength: 1, maxLength: 3 },
);
const delta = fc.integer({ min: -5, max: 5 }).filter((d) => d !== 0);
/** Header faults: one header of a page each, on distinct pages. */
const headers = fc
  .uniqueArray(fc.record({ kind: fc.constantFrom("total" as const, "pageCount" as const, "current" as const), page: fc.nat(8), delta }), { minLength: 1, maxLength: 3, selector: (f) => f.page })
  .map((fs) => fs as Fault[]);
const listing = fc.record({
  size: fc.integer({ min: 0, max: 40 }),
  pageSize: fc.integer({ min: 1, max: 7 }),
  faults: fc.oneof(structural as fc.Arbitrary<Fault[]>, headers),
});

/** A server answering readings in turn; a page past the end echoes the last page (reference §3.1). */
function server(readings: Page<string>[][]) {
  let readingsStarted = 0;
  return async (page: number) => {
    if (page === 0) readingsStarted++;
    const pages = readings[Math.min(Math.max(0, readingsStarted - 1), readings.length - 1)]!;
    return pages[Math.min(page, pages.length - 1)]!;
  };
}

async function outcome(spec: ListingSpec<string>, readings: Page<string>[][]): Promise<string[] | "refused"> {
  try {
    return await readListing(spec, server(readings));
  } catch (err) {
    if (err instanceof InconsistentListingError) return "refused";
    throw err;
  }
}

const RUNS = { persistent: 4_000, transient: 2_000 };

describe(`readListing on generated listings (${RUNS.persistent + RUNS.transient} listings)`, () => {
  it(`faults on every reading: the true set, or refused (${RUNS.persistent} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(listing, async ({ size, pageSize, faults }) => {
        const truth = Array.from({ length: size }, (_, i) => `u${i}`);
        const spec = { endpoint: "GET users/ORG", pageSize, key: (s: string) => s };
        const faulty = withFaults(honestPages(truth, pageSize), faults);
        const got = await outcome(spec, [faulty, faulty]);
        if (got !== "refused") expect([...got].sort()).toEqual([...truth].sort());
      }),
      { numRuns: RUNS.persistent },
    );
  });

  it(`faults on the first reading only: always the true set (${RUNS.transient} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(listing, async ({ size, pageSize, faults }) => {
        const truth = Array.from({ length: size }, (_, i) => `u${i}`);
        const spec = { endpoint: "GET users/ORG", pageSize, key: (s: string) => s };
        const honest = honestPages(truth, pageSize);
        const got = await outcome(spec, [withFaults(honest, faults), honest]);
        expect(got === "refused" ? got : [...got].sort()).toEqual([...truth].sort());
      }),
      { numRuns: RUNS.transient },
    );
  });
});
