import { Link, Outlet, useNavigate, useParams } from '@tanstack/react-router'
import { adapterFor, findSource, listSources } from '../dialects/sources'
import { ShortcutsButton, ShortcutsOverlay, ShortcutsProvider } from '../ui/shortcuts'
import { SkipLink } from '../ui/skip-link'

export function AppShell() {
  return (
    <ShortcutsProvider>
      <div className="flex h-full flex-col">
        <SkipLink target="results" fallback="main">
          Skip to results
        </SkipLink>
        <SkipLink target="filters" fallback="main" className="max-lg:hidden">
          Skip to filters
        </SkipLink>
        <header className="flex shrink-0 items-center gap-3 border-b border-neutral-200 px-3 py-2 sm:px-4 dark:border-neutral-800">
          <Link to="/" className="flex items-center gap-2 font-semibold tracking-tight">
            <img src="/favicon.svg" alt="" width={24} height={24} />
            <span>Vitrine</span>
          </Link>
          <ViewNav />
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

/** The current source's views; only those its API supports (Projects needs the projects capability). */
function ViewNav() {
  const params = useParams({ strict: false })
  const source = params.source === undefined ? undefined : findSource(params.source)
  if (!source) return null
  let hasProjects = false
  try {
    hasProjects = adapterFor(source).capabilities?.projects !== undefined
  } catch {
    // A dialect without an adapter yet has no views to switch between.
    return null
  }
  if (!hasProjects) return null
  const link =
    'rounded-md px-2.5 py-1 text-sm font-medium text-neutral-700 hover:bg-neutral-100 focus-visible:outline-2 focus-visible:outline-indigo-600 dark:text-neutral-300 dark:hover:bg-neutral-800'
  const active = { className: 'bg-neutral-100 text-neutral-950 dark:bg-neutral-800 dark:text-white' }
  return (
    <nav aria-label="Views" className="flex items-center gap-1">
      <Link to="/$source/assets" params={{ source: source.id }} className={link} activeProps={active}>
        Assets
      </Link>
      <Link to="/$source/projects" params={{ source: source.id }} className={link} activeProps={active}>
        Projects
      </Link>
    </nav>
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
