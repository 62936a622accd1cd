// The sort directions every dialect's API takes (PiktID's and Vipanya's `order`, Scenario's
// `sortDirection`), under the same two words; each API's default is its own.

export const SORT_ORDERS = ['desc', 'asc'] as const
export type SortOrder = (typeof SORT_ORDERS)[number]
