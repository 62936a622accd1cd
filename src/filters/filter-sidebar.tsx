import type { ReactNode } from 'react'
import { Drawer, DrawerClose } from '../ui/drawer'

interface FilterSidebarProps {
  /** The filter panel, shown beside the results on wide screens and in a drawer on narrow ones. */
  panel: ReactNode
  drawerOpen: boolean
  onDrawerOpenChange: (open: boolean) => void
  /** "120 projects", once known; the drawer's button says how many it will show. */
  resultText: string | null
  /** While a dialog is open over the view, the panel takes no focus or clicks. */
  inert: boolean
}

export function FilterSidebar({ panel, drawerOpen, onDrawerOpenChange, resultText, inert }: FilterSidebarProps) {
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
        open={drawerOpen}
        onOpenChange={onDrawerOpenChange}
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
