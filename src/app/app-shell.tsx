import { Link, Outlet, useNavigate, useParams } from '@tanstack/react-router'
import { listSources } from '../dialects/sources'

export function AppShell() {
  return (
    <div className="flex h-full flex-col">
      <a
        href="#main"
        className="sr-only z-50 rounded bg-indigo-600 px-3 py-2 text-white focus:not-sr-only focus:absolute focus:top-2 focus:left-2"
      >
        Skip to content
      </a>
      <header className="flex shrink-0 items-center gap-3 border-b border-neutral-200 px-3 py-2 sm:px-4 dark:border-neutral-800">
        <Link to="/" className="flex items-center gap-2 font-semibold tracking-tight">
          <img src="/favicon.svg" alt="" width={24} height={24} />
          <span>Vitrine</span>
        </Link>
        <SourceSwitcher />
      </header>
      <div id="main" className="flex min-h-0 flex-1 flex-col">
        <Outlet />
      </div>
    </div>
  )
}

function SourceSwitcher() {
  const params = useParams({ strict: false })
  const navigate = useNavigate()
  const sources = listSources()
  return (
    <label className="ml-auto flex items-center gap-2 text-sm">
      <span className="sr-only text-neutral-600 sm:not-sr-only dark:text-neutral-400">Source</span>
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
