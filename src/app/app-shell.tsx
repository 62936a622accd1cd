import { Link, Outlet, useNavigate, useParams, useRouterState } from '@tanstack/react-router'
import { listSources } from '../dialects/sources'
import { ShortcutsButton, ShortcutsOverlay, ShortcutsProvider } from '../ui/shortcuts'
import { SkipLink } from '../ui/skip-link'
import { SourceNav } from './source-nav'

/** Views with a filter panel (`#filters`), which the second skip link leads to. */
const VIEWS_WITH_FILTERS: readonly string[] = ['/$source/assets', '/$source/people/']

export function AppShell() {
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
        <header className="flex shrink-0 items-center gap-3 border-b border-neutral-200 px-3 py-2 sm:px-4 dark:border-neutral-800">
          <Link to="/" className="flex items-center gap-2 font-semibold tracking-tight">
            <img src="/favicon.svg" alt="" width={24} height={24} />
            <span className="max-sm:sr-only">Vitrine</span>
          </Link>
          <SourceNav />
          <SourceSwitcher />
          <ShortcutsButton className="btn max-sm:hidden" />
        </header>
        <main id="main" className="flex min-h-0 flex-1 flex-col">
          <Outlet />
        </main>
      </div>
      <ShortcutsOverlay />
    </ShortcutsProvider>
  )
}

function SourceSwitcher() {
  const params = useParams({ strict: false })
  const navigate = useNavigate()
  const sources = listSources()
  return (
    <label className="ml-auto flex items-center gap-2 text-sm">
      <span className="sr-only text-neutral-700 sm:not-sr-only dark:text-neutral-300">Source</span>
      <select
        className="field w-auto"
        value={params.source ?? ''}
        onChange={(e) => void navigate({ to: '/$source/assets', params: { source: e.target.value } })}
      >
        {params.source === undefined && <option value="">Choose a source</option>}
        {sources.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
    </label>
  )
}
