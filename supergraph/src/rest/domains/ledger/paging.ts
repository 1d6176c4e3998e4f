import type { Paging } from '../../kit/paging';

/** The contracts' paging envelope around a ledger page ({items, total}). */
export function paged<T>(paging: Paging, page: { items: T[]; total: number }, map: (t: T) => Record<string, unknown>) {
  return {
    paging: {
      page: paging.page,
      size: paging.size,
      ...(paging.includeTotal ? { total: page.total } : {}),
      has_more: (paging.page - 1) * paging.size + page.items.length < page.total,
    },
    content: page.items.map(map),
  };
}
