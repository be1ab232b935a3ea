/**
 * UMAPI paging (reference §3.1, §3.2): 0-based page in the path; a page past the end returns the
 * last page; headers are strings; `X-Page-Size` is the configured (non-zero) page size because
 * clients divide by it.
 */
import { BadRequestError } from "./errors";

export interface Page<T> {
  items: T[];
  lastPage: boolean;
  headers: Record<string, string>;
}

export function parsePage(segment: string): number {
  if (!/^\d{1,9}$/.test(segment)) throw new BadRequestError("error", `Invalid page number: ${segment}`);
  return Number(segment);
}

export function paginate<T>(all: readonly T[], requested: number, pageSize: number): Page<T> {
  const pageCount = Math.max(1, Math.ceil(all.length / pageSize));
  const page = Math.min(requested, pageCount - 1);
  return {
    items: all.slice(page * pageSize, (page + 1) * pageSize),
    lastPage: page === pageCount - 1,
    headers: {
      "x-total-count": String(all.length),
      "x-page-count": String(pageCount),
      "x-current-page": String(page),
      "x-page-size": String(pageSize),
    },
  };
}
