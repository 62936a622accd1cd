// The filter panel a dialect declares: its controls, values and the rules between them.

import type { RawSearch } from './types'

/** One value an id filter can take, named (see `SourceAdapter.filterOptions`). */
export interface FilterOption {
  value: string
  label: string
  /** A second line telling similar names apart (an author, a photo count). */
  detail?: string
  /** A small picture of it (a person's face), when the API gives one. */
  imageUrl?: string | null
}

/** One choice of a multi-select filter. */
interface MultiSelectOption {
  value: string
  label: string
  /** A value that already includes this one (Scenario's `inference` covers every `inference-*`). */
  within?: string | undefined
}

export type FilterControl =
  /**
   * `maxLength`, on free text: the longest value the API takes, from its parameter rule (a
   * longer one would be dropped on reading the URL).
   */
  | { kind: 'search'; key: string; label: string; placeholder: string; maxLength: number }
  | { kind: 'tags'; includeKey: string; excludeKey: string; label: string; options: readonly string[] }
  | {
      kind: 'select'
      key: string
      label: string
      options: readonly { value: string; label: string }[]
      /** The choice that sets nothing; "All" unless said. */
      emptyLabel?: string
    }
  /** Any number of values, written as a repeated parameter (`?feedback=like&feedback=dislike`). */
  | { kind: 'multi'; key: string; label: string; options: readonly { value: string; label: string }[] }
  | {
      kind: 'text'
      key: string
      label: string
      placeholder: string
      suggestions: readonly string[]
      maxLength?: number | undefined
    }
  /**
   * An id the user picks by its name; the names come from the adapter's `filterOptions(key)`.
   * `idProblem` says why a typed or pasted id would be refused (the parameter's own rule).
   */
  | {
      kind: 'id-by-name'
      key: string
      label: string
      allLabel: string
      idProblem: (id: string) => string | undefined
      /**
       * The choices belong to the value of another filter (a model's inferences): listed only
       * once that filter is set, and passed to `filterOptions` as its scope.
       */
      within?: { key: string; hint: string }
    }
  | {
      kind: 'date-range'
      fromKey: string
      toKey: string
      label: string
      /** Shown only while another parameter has this value (absent counts as `isDefault`). */
      when?: { key: string; value: string; isDefault: boolean }
    }
  | {
      kind: 'multi-select'
      /** Several values travel under `key`; a single one under `singleKey` when it is set. */
      key: string
      singleKey?: string
      label: string
      placeholder: string
      groups: readonly { label: string; options: readonly MultiSelectOption[] }[]
    }
  | {
      kind: 'sort'
      fieldKey: string
      orderKey: string
      label: string
      /** `common`: the neutral sort a field means, kept when switching sources. */
      fields: readonly { value: string; label: string; common?: CommonFilters['sort'] }[]
      defaultField: string
      defaultOrder: 'asc' | 'desc'
    }

/** What means the same in every dialect, so switching sources keeps it. */
export interface CommonFilters {
  search?: string
  /** The sort notion, when the target has the same one; `name` is a filename or title. */
  sort?: 'created' | 'updated' | 'name'
  order?: 'asc' | 'desc'
}

/** Two parameters the API refuses together as given, and why (for the filter panel). */
export interface FilterConflict {
  keys: readonly [string, string]
  reason: string
}

export interface FilterSchema<TFilters> {
  controls: readonly FilterControl[]
  /**
   * The pair of parameters of a URL search the API would refuse together, if any (Scenario: tags
   * with a private privacy). The panel disables a choice that would make one, saying why.
   */
  conflict?: (search: RawSearch) => FilterConflict | undefined
  /** The filters' dialect-neutral part (absent: nothing carries over to another source). */
  common?: (filters: TFilters) => CommonFilters
  /** Filters holding what the dialect can express of a neutral part; the rest is dropped. */
  fromCommon?: (common: CommonFilters) => TFilters
  /**
   * Filters after one control changed, given those before: where one parameter constrains another
   * (Scenario's dates follow its sort field) this keeps the request one the API accepts.
   */
  transition?: (before: TFilters, after: TFilters) => TFilters
  /** Filters listing the assets made from one asset, when the API can ask for them (Scenario). */
  childrenOf?: (assetId: string) => TFilters
  /** Parses URL search into filters, dropping bad values and defaults (never throws). */
  parse: (raw: Readonly<Record<string, unknown>>) => TFilters
  /** The filters written back as URL search params, defaults omitted. */
  toSearch: (filters: TFilters) => RawSearch
}
