/**
 * UMAPI paging quirks live here (reference §3.1, §3.5): pages are 0-based path segments; a page
 * past the end returns the LAST page again instead of an empty one, so iteration stops on
 * `lastPage: true`, or on X-Current-Page reaching X-Page-Count - 1, and never asks for a page twice.
 */
export interface Page<T> {
  items: T[];
  lastPage: boolean;
  totalCount?: number;
  pageCount?: number;
  currentPage?: number;
  /** X-Page-Size: the configured page size (the emulator's is configurable). */
  pageSize?: number;
}

export type FetchPage<T> = (page: number) => Promise<Page<T>>;

/** The most pages any listing may have; a server that never says "last page" cannot loop us forever. */
const MAX_PAGES = 10_000;

export async function* iteratePages<T>(fetchPage: FetchPage<T>, fromPage = 0): AsyncGenerator<Page<T>> {
  for (let page = fromPage; page < MAX_PAGES; page++) {
    const p = await fetchPage(page);
    // An out-of-range page echoes the last one: a page number that did not advance means the end,
    // and after the first page that echo repeats items already yielded.
    const echo = p.currentPage !== undefined && p.currentPage < page;
    if (echo && page > fromPage) return;
    yield p;
    if (echo || p.lastPage || p.items.length === 0) return;
    if (p.pageCount !== undefined && page >= p.pageCount - 1) return;
  }
}

export async function collectAll<T>(iter: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of iter) out.push(x);
  return out;
}

export function pageHeaders(headers: Headers): Pick<Page<unknown>, "totalCount" | "pageCount" | "currentPage" | "pageSize"> {
  const num = (name: string) => {
    const v = headers.get(name);
    if (v === null || v.trim() === "") return undefined;
    const n = Number(v);
    return Number.isInteger(n) && n >= 0 ? n : undefined;
  };
  const size = num("x-page-size");
  return { totalCount: num("x-total-count"), pageCount: num("x-page-count"), currentPage: num("x-current-page"), pageSize: size ? size : undefined };
}
