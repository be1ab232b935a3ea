/**
 * A paged listing is only used when it agrees with itself. UMAPI describes every page with
 * `X-Total-Count`, `X-Page-Count`, `X-Current-Page` and `lastPage` (reference §3.1); a listing whose
 * pages contradict those numbers, repeat an object or stop early is a short read, and acting on a
 * short read removes what it misses (Adobe's own client once returned one page of a 6,000-user org,
 * and a sync deleted the rest: umapi-client.py#111). `checkListing` is pure: it sees the pages in
 * the order they were requested and lists every contradiction.
 */
import { UmapiError } from "./errors";
import type { Page } from "./paging";

export interface ListingSpec<T> {
  /** For messages, e.g. "GET users/{orgId}". */
  endpoint: string;
  /** The server's page size for this listing (users 2,000, groups 400), unless X-Page-Size says. */
  pageSize: number;
  /** Identity of an object, to find one listed twice. */
  key: (item: T) => string;
  /**
   * How many objects `X-Total-Count` may count that no page holds. UMAPI counts technical
   * accounts in the users total but leaves them out of the bodies (reference §3.1); default 0.
   */
  uncountedAllowance?: number;
}

export interface RequestedPage<T> {
  /** The 0-based page number that was asked for. */
  requested: number;
  page: Page<T>;
}

/** Every contradiction in a listing read from page 0 to its end; empty when it is consistent. */
export function checkListing<T>(spec: ListingSpec<T>, pages: RequestedPage<T>[]): string[] {
  const problems: string[] = [];
  const first = pages[0]?.page;
  if (!first) return ["no page was read"];
  const { totalCount, pageCount } = first;
  const pageSize = first.pageSize ?? spec.pageSize;
  const seen = new Map<string, number>();
  for (const [i, { requested, page }] of pages.entries()) {
    if (requested !== i) problems.push(`page ${requested} was read out of order`);
    if (page.currentPage !== undefined && page.currentPage !== requested) problems.push(`page ${requested} was answered with X-Current-Page ${page.currentPage}`);
    if (page.totalCount !== totalCount) problems.push(`X-Total-Count changed from ${totalCount} on page 0 to ${page.totalCount} on page ${requested}`);
    if (page.pageCount !== pageCount) problems.push(`X-Page-Count changed from ${pageCount} on page 0 to ${page.pageCount} on page ${requested}`);
    const last = i === pages.length - 1;
    if (page.lastPage && !last) problems.push(`page ${requested} said lastPage but more pages were read`);
    if (pageCount !== undefined && page.lastPage && requested < pageCount - 1) problems.push(`page ${requested} said lastPage, but X-Page-Count is ${pageCount}`);
    if (pageCount !== undefined && !page.lastPage && requested === pageCount - 1 && page.items.length > 0) problems.push(`page ${requested} is the last of X-Page-Count ${pageCount} but did not say lastPage`);
    if (page.items.length > pageSize) problems.push(`page ${requested} holds ${page.items.length} objects, more than the page size ${pageSize}`);
    for (const item of page.items) {
      const k = spec.key(item);
      const before = seen.get(k);
      if (before !== undefined) problems.push(`"${k}" is listed on page ${before} and again on page ${requested}`);
      else seen.set(k, requested);
    }
  }
  const items = seen.size;
  const lastRead = pages.at(-1)!;
  if (!lastRead.page.lastPage && pageCount !== undefined && lastRead.requested < pageCount - 1) problems.push(`the listing ended at page ${lastRead.requested} of X-Page-Count ${pageCount}`);
  if (pageCount !== undefined && pages.length !== Math.max(1, pageCount) && !(pageCount === 0 && pages.length === 1)) problems.push(`${pages.length} pages were read, X-Page-Count is ${pageCount}`);
  if (totalCount !== undefined) {
    const allowance = spec.uncountedAllowance ?? 0;
    if (items > totalCount) problems.push(`${items} objects were listed, more than X-Total-Count ${totalCount}`);
    else if (totalCount - items > allowance) problems.push(`${items} objects were listed of X-Total-Count ${totalCount}`);
    const expectedPages = Math.max(1, Math.ceil(totalCount / pageSize));
    if (pageCount !== undefined && pageCount !== expectedPages && !(totalCount === 0 && pageCount === 0)) {
      problems.push(`X-Page-Count ${pageCount} does not fit X-Total-Count ${totalCount} at ${pageSize} a page`);
    }
  }
  return [...new Set(problems)];
}

/** A listing that stayed inconsistent when it was read a second time. Nothing was acted on. */
export class InconsistentListingError extends UmapiError {
  readonly endpoint: string;
  readonly problems: string[];
  constructor(endpoint: string, problems: string[]) {
    const shown = problems.slice(0, 5).join("; ") + (problems.length > 5 ? `; and ${problems.length - 5} more` : "");
    super(
      `UMAPI answered ${endpoint} with an inconsistent listing twice (${shown}). Nothing was changed or recorded from it: ` +
        "a short listing would make refresh, adoption or an export act on objects it left out. Re-run later; if it persists, report the listing to Adobe support.",
    );
    this.endpoint = endpoint;
    this.problems = problems;
  }
}

/** The most pages any listing may have; a server that never says "last page" cannot loop us forever. */
const MAX_PAGES = 10_000;

function isEnd<T>(page: Page<T>, requested: number): boolean {
  return page.lastPage || page.items.length === 0 || (page.pageCount !== undefined && requested >= page.pageCount - 1);
}

/** Reads pages from where `seed` (pages 0.. already read) stops, to the listing's end. */
async function readPages<T>(fetchPage: (page: number) => Promise<Page<T>>, seed: Page<T>[]): Promise<RequestedPage<T>[]> {
  const pages = seed.map((page, requested) => ({ requested, page }));
  while (pages.length < MAX_PAGES) {
    const last = pages.at(-1);
    if (last && isEnd(last.page, last.requested)) break;
    const requested = pages.length;
    const page = await fetchPage(requested);
    // A page past the end echoes the last one (reference §3.1). Without X-Page-Count that echo is
    // how the end shows; with it, a page that did not advance was served twice: keep it for the check.
    const echo = page.currentPage !== undefined && page.currentPage < requested;
    if (echo && (pages[0]?.page.pageCount ?? page.pageCount) === undefined) break;
    pages.push({ requested, page });
    if (echo) break;
  }
  return pages;
}

/**
 * Every object of a listing, read from page 0 (or from the pages in `seed`) to its end and checked.
 * An inconsistent listing is read once more, from page 0; still inconsistent, it throws
 * InconsistentListingError and nothing of it is returned.
 */
export async function readListing<T>(spec: ListingSpec<T>, fetchPage: (page: number) => Promise<Page<T>>, seed: Page<T>[] = []): Promise<T[]> {
  let problems: string[] = [];
  for (const start of [seed, []]) {
    const pages = await readPages(fetchPage, start);
    problems = checkListing(spec, pages);
    if (problems.length === 0) return pages.flatMap((p) => p.page.items);
  }
  throw new InconsistentListingError(spec.endpoint, problems);
}
