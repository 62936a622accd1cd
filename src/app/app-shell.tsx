import { Link, Outlet, useRouterState } from '@tanstack/react-router'
import { ShortcutsButton, ShortcutsOverlay, ShortcutsProvider } from '../ui/shortcuts'
import { SkipLink } from '../ui/skip-link'
import { ToastRegion } from '../ui/toast'
import { SourceIdentity, SourceNav, SourceSwitcher, SourceTroubleNotice, useFollowSourceEdits } from './source-switcher'

/** Views with a filter panel (`#filters`), which the second skip link leads to. */
const VIEWS_WITH_FILTERS: readonly string[] = ['/$source/assets', '/$source/people/']

export function AppShell() {
  useFollowSourceEdits()
  const hasFilters = useRouterState({ select: (s) => s.matches.some((m) => VIEWS_WITH_FILTERS.includes(m.routeId)) })
  return (
    <ShortcutsProvider>
      <div className="flex h-full flex-col">
        <SkipLink target="results" fallback="main">
          Skip to results
        </SkipLink>
        {hasFilters && (
          <SkipLink target="filters" fallback="main" className="max-lg:hidden">
            Skip to filters
          </SkipLink>
        )}
        <header className="flex shrink-0 flex-wrap items-center gap-x-3 gap-y-2 border-b border-neutral-200 px-3 py-2 sm:px-4 dark:border-neutral-800">
          <Link to="/" className="flex items-center gap-2 font-semibold tracking-tight">
            <img src="/favicon.svg" alt="" width={24} height={24} />
            <span className="max-sm:sr-only">Vitrine</span>
          </Link>
          <SourceNav />
          <div className="ml-auto flex min-w-0 items-center gap-2 sm:gap-3">
            <SourceSwitcher />
            <SourceIdentity />
            <Link to="/sources" className="text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-300">
              Sources
            </Link>
            <ShortcutsButton className="btn max-sm:hidden" />
          </div>
        </header>
        <SourceTroubleNotice />
        <main id="main" className="flex min-h-0 flex-1 flex-col">
          <Outlet />
        </main>
      </div>
      <ShortcutsOverlay />
      <ToastRegion />
    </ShortcutsProvider>
  )
}
