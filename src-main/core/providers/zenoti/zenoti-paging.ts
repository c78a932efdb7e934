import type { WirePageDetails } from './zenoti-wire';

/** Zenoti pages start at 1 and hold at most 100 records; Classdesk always asks for full pages to save calls. */
export const PAGE_SIZE = 100;
/** A guard against an answer that never says it is done: 50 full pages are 5000 records. */
const MAX_PAGES = 50;

export interface Page<T> {
  items: T[];
  details: WirePageDetails | null | undefined;
}

/**
 * Reads page after page until page_details says there are no more; when it
 * does not say (or says something impossible), a short page is the last one.
 */
export async function readAllPages<T>(readPage: (page: number) => Promise<Page<T>>): Promise<T[]> {
  const all: T[] = [];
  for (let page = 1; page <= MAX_PAGES; page += 1) {
    const { items, details } = await readPage(page);
    all.push(...items);
    const last = lastPageOf(details);
    if (items.length === 0 || (last !== undefined ? page >= last : items.length < PAGE_SIZE)) break;
  }
  return all;
}

function lastPageOf(details: WirePageDetails | null | undefined): number | undefined {
  if (!details) return undefined;
  const pages = details.total_pages ?? details.pages;
  if (pages !== undefined && pages !== null) return pages;
  const total = details.total_records ?? details.total_count ?? details.total;
  const size = details.page_size ?? details.size ?? PAGE_SIZE;
  if (total === undefined || total === null || size === 0) return undefined;
  return Math.ceil(total / size);
}
