import { useCallback, useState, type ReactNode } from 'react'
import { Drawer, DrawerClose } from '../ui/drawer'
import type { FilterControl } from '../dialects/filter-types'
import { hasSearchField, useSearchKey } from './use-search-key'
import { FilterPanel, type FilterBinding } from './filter-panel'

/** The filter drawer of a view on narrow screens: whether it is open, and how to open it. */
export interface FilterDrawer {
  open: boolean
  setOpen: (open: boolean) => void
  /** Opens it (the view's Filters button). */
  show: () => void
}

/** What a filtered view's sidebar needs: its filters, and its drawer for narrow screens. */
export interface FilteredViewState {
  filters: FilterBinding
  drawer: FilterDrawer
}

/** A view's filters with their drawer; where the filters have a search field, `/` opens it and goes there. */
export function useFilteredView(filters: FilterBinding): FilteredViewState {
  return { filters, drawer: useFilterDrawer(filters.controls) }
}

/** Opens the filter drawer; only on narrow screens, where the panel is not beside the results. */
export function FiltersButton({ drawer, className = '' }: { drawer: FilterDrawer; className?: string }) {
  return (
    <button type="button" className={`btn lg:hidden ${className}`} onClick={drawer.show}>
      Filters
    </button>
  )
}

function useFilterDrawer(controls: readonly FilterControl[]): FilterDrawer {
  const [open, setOpen] = useState(false)
  const show = useCallback(() => setOpen(true), [])
  useSearchKey(show, hasSearchField(controls))
  return { open, setOpen, show }
}

/** The view's filters (`useFilteredView`): their panel stands beside the results on wide screens, in a drawer on narrow ones. */
interface FilterSidebarProps extends FilteredViewState {
  /** "120 projects", once known; the drawer's button says how many it will show. */
  resultText: string | null
  /** While a dialog is open over the view, the panel takes no focus or clicks. */
  inert: boolean
}

function FilterSidebar({ filters, drawer, resultText, inert }: FilterSidebarProps) {
  const panel = <FilterPanel {...filters} />
  return (
    <>
      <aside
        id="filters"
        inert={inert ? true : undefined}
        aria-label="Filter panel"
        className="hidden w-80 shrink-0 overflow-y-auto border-r border-neutral-200 p-4 lg:block dark:border-neutral-800"
      >
        {panel}
      </aside>
      <Drawer
        open={drawer.open}
        onOpenChange={drawer.setOpen}
        title="Filters"
        footer={
          <div className="flex items-center justify-between gap-3">
            <p role="status" aria-live="polite" className="text-sm font-medium" data-testid="drawer-result-count">
              {resultText ?? ''}
            </p>
            <DrawerClose className="btn">{resultText === null ? 'Show results' : `Show ${resultText}`}</DrawerClose>
          </div>
        }
      >
        {panel}
      </Drawer>
    </>
  )
}

interface FilteredViewProps extends FilterSidebarProps {
  /** Names the results section: its own label, or the id of the heading inside it. */
  name: { label: string } | { labelledBy: string }
  /** What stands before the filters (a page heading, shortcuts). */
  lead?: ReactNode
  /** The results. */
  children: ReactNode
  /** What follows the results (a dialog opened from them). */
  trail?: ReactNode
}

/** A filtered view: the filter panel (a sidebar, or a drawer on narrow screens) and the results. */
export function FilteredView({ name, lead, children, trail, ...sidebar }: FilteredViewProps) {
  return (
    <div className="flex min-h-0 flex-1">
      {lead}
      <FilterSidebar {...sidebar} />
      <section
        id="results"
        {...('label' in name ? { 'aria-label': name.label } : { 'aria-labelledby': name.labelledBy })}
        className="flex min-w-0 flex-1 flex-col"
      >
        {children}
      </section>
      {trail}
    </div>
  )
}
