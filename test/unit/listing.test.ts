/** A paged listing is checked against its own paging headers before anyone acts on it (reference §3.1). */
import { describe, expect, it } from "vitest";
import { checkListing, InconsistentListingError, readListing, type ListingSpec } from "../../provider/umapi/listing";
import type { Page } from "../../provider/umapi/paging";

const spec: ListingSpec<string> = { endpoint: "GET users/ORG", pageSize: 2, key: (s) => s };

/** What an honest server answers for `items` at `spec.pageSize` a page. */
function honest(items: string[]): Page<string>[] {
  const pageCount = Math.max(1, Math.ceil(items.length / 2));
  return Array.from({ length: pageCount }, (_, i) => ({
    items: items.slice(i * 2, i * 2 + 2),
    lastPage: i === pageCount - 1,
    totalCount: items.length,
    pageCount,
    currentPage: i,
  }));
}
const requested = (pages: Page<string>[]) => pages.map((page, i) => ({ requested: i, page }));
const ABCDE = ["a", "b", "c", "d", "e"];

describe("checkListing", () => {
  it("accepts an honest listing, an empty org and a one-page org", () => {
    expect(checkListing(spec, requested(honest(ABCDE)))).toEqual([]);
    expect(checkListing(spec, requested(honest([])))).toEqual([]);
    expect(checkListing(spec, requested(honest(["a"])))).toEqual([]);
  });

  it("refuses page 0 that says lastPage while the headers count more (umapi-client.py#111)", () => {
    const [first] = honest(ABCDE);
    expect(checkListing(spec, requested([{ ...first!, lastPage: true }]))).toEqual([
      "page 0 said lastPage, but X-Page-Count is 3",
      "1 pages were read, X-Page-Count is 3",
      "2 objects were listed of X-Total-Count 5",
    ]);
  });

  it("refuses a page served twice", () => {
    const pages = honest(ABCDE);
    expect(checkListing(spec, requested([pages[0]!, pages[0]!, pages[2]!]))).toEqual([
      "page 1 was answered with X-Current-Page 0",
      '"a" is listed on page 0 and again on page 1',
      '"b" is listed on page 0 and again on page 1',
      "3 objects were listed of X-Total-Count 5",
    ]);
  });

  it("refuses headers that change between pages or do not fit each other", () => {
    const pages = honest(ABCDE);
    expect(checkListing(spec, requested([{ ...pages[0]!, totalCount: 1005 }, pages[1]!, pages[2]!]))).toEqual([
      "X-Total-Count changed from 1005 on page 0 to 5 on page 1",
      "X-Total-Count changed from 1005 on page 0 to 5 on page 2",
      "5 objects were listed of X-Total-Count 1005",
      "X-Page-Count 3 does not fit X-Total-Count 1005 at 2 a page",
    ]);
  });

  it("allows the technical accounts a users total counts and no page holds, and no more", () => {
    const users = { ...spec, uncountedAllowance: 2 };
    const pages = honest(ABCDE).map((p) => ({ ...p, totalCount: 6 }));
    expect(checkListing(users, requested(pages))).toEqual([]);
    expect(checkListing(users, requested(pages.map((p) => ({ ...p, totalCount: 8 }))))).toEqual([
      "5 objects were listed of X-Total-Count 8",
      "X-Page-Count 3 does not fit X-Total-Count 8 at 2 a page",
    ]);
  });

  it("without count headers, still refuses duplicates", () => {
    const bare = (items: string[], lastPage: boolean): Page<string> => ({ items, lastPage });
    expect(checkListing(spec, requested([bare(["a", "b"], false), bare(["c"], true)]))).toEqual([]);
    expect(checkListing(spec, requested([bare(["a", "b"], false), bare(["b"], true)]))).toEqual(['"b" is listed on page 0 and again on page 1']);
  });
});

describe("readListing", () => {
  const server = (answers: Page<string>[][]) => {
    const calls: number[] = [];
    let read = 0;
    const fetchPage = async (page: number) => {
      calls.push(page);
      const listing = answers[Math.min(read, answers.length - 1)]!;
      const p = listing[Math.min(page, listing.length - 1)]!;
      if (p.lastPage || page === listing.length - 1) read++;
      return p;
    };
    return { calls, fetchPage };
  };

  it("reads an inconsistent listing once more and returns the second, consistent reading", async () => {
    const good = honest(ABCDE);
    const { calls, fetchPage } = server([[{ ...good[0]!, lastPage: true }], good]);
    expect(await readListing(spec, fetchPage)).toEqual(ABCDE);
    expect(calls).toEqual([0, 0, 1, 2]);
  });

  it("refuses a listing inconsistent twice, naming the endpoint and the numbers", async () => {
    const truncated = [{ ...honest(ABCDE)[0]!, lastPage: true }];
    const { calls, fetchPage } = server([truncated, truncated]);
    const err = await readListing(spec, fetchPage).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InconsistentListingError);
    expect((err as Error).message).toContain("UMAPI answered GET users/ORG with an inconsistent listing twice (page 0 said lastPage, but X-Page-Count is 3");
    expect((err as Error).message).toContain("2 objects were listed of X-Total-Count 5");
    expect(calls).toEqual([0, 0]);
  });

  it("continues from pages already read, and re-reads from page 0 when they contradict the rest", async () => {
    const good = honest(ABCDE);
    const { calls, fetchPage } = server([good]);
    expect(await readListing(spec, fetchPage, [good[0]!])).toEqual(ABCDE);
    expect(calls).toEqual([1, 2]);
    const stale = { ...good[0]!, totalCount: 4, pageCount: 2 };
    const again = server([good]);
    expect(await readListing(spec, again.fetchPage, [stale])).toEqual(ABCDE);
    expect(again.calls).toEqual([1, 2, 0, 1, 2]);
  });
});
