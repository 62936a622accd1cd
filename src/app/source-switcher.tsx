import { Link, useLocation, useMatch, useNavigate, useParams, useRouter, useRouterState } from '@tanstack/react-router'
import { useEffect } from 'react'
import { loadAdapter } from '../dialects/sources'
import type { RawSearch } from '../dialects/types'
import { translateSearch } from '../filters/translate'
import { DEMO_USERS, isDemoUser } from '../shared/source-rules'
import { troubleFor, useCredentialTroubles, type CredentialTrouble } from '../sources/health'
import type { Source, SourceOrigin } from '../sources/types'
import { useAdapter, useSource, useSourceStore, useSources } from '../sources/use-sources'
import { viewsFor } from './source-views'

const GROUPS: readonly { origin: SourceOrigin; label: string }[] = [
  { origin: 'bundled', label: 'Demo sources' },
  { origin: 'server', label: 'On this server' },
  { origin: 'browser', label: 'In this browser' },
]

/** The current source: the route's `$source` param, as the store has it now. */
function useCurrentSource(): Source | undefined {
  const id = useParams({ strict: false, select: (p) => p.source })
  return useSource(id)
}

/** The assets search for `to` when switching there from `from` with `search` in the URL. */
async function searchForSwitch(
  from: Source | undefined,
  to: Source | undefined,
  search: Readonly<Record<string, unknown>>,
): Promise<RawSearch> {
  if (!from || !to) return {}
  const [fromAdapter, toAdapter] = await Promise.all([loadAdapter(from), loadAdapter(to)])
  return translateSearch(fromAdapter.filters, toAdapter.filters, search)
}

/**
 * Picks the source to browse, grouped by where it is kept. A source that refused its
 * credentials says so in its option.
 */
export function SourceSwitcher() {
  const navigate = useNavigate()
  const location = useLocation()
  const store = useSourceStore()
  const sources = useSources()
  const current = useCurrentSource()
  const troubles = useCredentialTroubles()
  // A hidden source opened from a pasted link still shows as the current choice.
  const shown = current && !sources.includes(current) ? [...sources, current] : sources
  return (
    <label className="flex items-center gap-2 text-sm">
      <span className="sr-only text-neutral-700 sm:not-sr-only dark:text-neutral-300">Source</span>
      <select
        className="field w-auto max-w-[44vw] sm:max-w-xs"
        value={current?.id ?? ''}
        onChange={(e) => {
          const to = e.target.value
          // What translates (search text, sort) comes along; the rest would mean something else
          // there. A dialect that cannot load keeps nothing; its page then says what is wrong.
          void searchForSwitch(current, store.get(to), location.search)
            .catch(() => ({}))
            .then((search) => navigate({ to: '/$source/assets', params: { source: to }, search }))
        }}
      >
        {current === undefined && <option value="">Choose a source</option>}
        {GROUPS.map(({ origin, label }) => {
          const members = shown.filter((s) => s.origin === origin)
          if (members.length === 0) return null
          return (
            <optgroup key={origin} label={label}>
              {members.map((s) => (
                <option key={s.id} value={s.id}>
                  {troubleFor(troubles, s) ? `${s.name} — credentials refused` : s.name}
                </option>
              ))}
            </optgroup>
          )
        })}
      </select>
    </label>
  )
}

/**
 * Who you are on the current source. The bundled demo sources switch between the demo users
 * (a new revision each time, so the other user's cached pages are never shown); other sources
 * say how they sign in, never with the credential itself.
 */
export function SourceIdentity() {
  const store = useSourceStore()
  const current = useCurrentSource()
  if (!current) return null
  const demoUser = store.demoUser(current.id)
  if (demoUser) {
    return (
      <label className="flex items-center gap-2 text-sm">
        <span className="sr-only text-neutral-700 sm:not-sr-only dark:text-neutral-300">Signed in as</span>
        <select
          className="field w-auto"
          value={demoUser}
          onChange={(e) => {
            if (isDemoUser(e.target.value)) store.setDemoUser(current.id, e.target.value)
          }}
        >
          {DEMO_USERS.map((user) => (
            <option key={user} value={user}>
              {user}
            </option>
          ))}
        </select>
      </label>
    )
  }
  const how =
    current.origin === 'server'
      ? 'Signed in by the server'
      : current.credentials.apiKey
        ? 'Signed in with your API key'
        : 'Signed in with your token'
  return (
    <span className="hidden text-sm text-neutral-600 md:inline dark:text-neutral-400" data-testid="source-identity">
      {how}
    </span>
  )
}

/** Links to the views the current source has (what its adapter has decides). */
export function SourceNav() {
  const current = useCurrentSource()
  // Undefined for a dialect this build cannot speak yet: its pages say so; the header stays usable.
  const adapter = useAdapter(current)
  if (!current || !adapter) return null
  const views = viewsFor(adapter)
  return (
    // note: on phones a single view needs no link of its own; the space goes to the pickers.
    <nav aria-label="Views" className={`flex items-center gap-1 text-sm ${views.length < 2 ? 'max-sm:hidden' : ''}`}>
      {views.map((view) => (
        <Link
          key={view.to}
          to={view.to}
          params={{ source: current.id }}
          className="rounded-md px-2 py-1 font-medium text-neutral-700 hover:bg-neutral-100 aria-[current=page]:bg-neutral-100 aria-[current=page]:text-neutral-950 dark:text-neutral-300 dark:hover:bg-neutral-800 dark:aria-[current=page]:bg-neutral-800 dark:aria-[current=page]:text-white"
        >
          {view.label}
        </Link>
      ))}
    </nav>
  )
}

/**
 * Keeps the routes' source in step with the store: after an edit or a demo-user switch the
 * source object changes, and the current view (same URL, same filters) loads again for it.
 */
export function useFollowSourceEdits(): void {
  const router = useRouter()
  const current = useCurrentSource()
  const loaded = useMatch({ from: '/$source', shouldThrow: false })?.context.source
  useEffect(() => {
    if (loaded && current !== loaded) void router.invalidate()
  }, [current, loaded, router])
}

/** Says so when the current source refused its credentials, with a way to fix them. */
export function SourceTroubleNotice() {
  const current = useCurrentSource()
  const trouble = troubleFor(useCredentialTroubles(), current)
  const href = useRouterState({ select: (s) => s.location.href })
  if (!current || !trouble) return null
  return (
    <div
      role="status"
      className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950 sm:px-4 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
    >
      <p>{troubleWords(current, trouble)}</p>
      {current.origin === 'browser' && (
        <Link to="/sources" search={{ edit: current.id }} state={{ returnTo: href }} className="btn">
          Fix the credentials
        </Link>
      )}
    </div>
  )
}

function troubleWords(source: Source, trouble: CredentialTrouble): string {
  const what =
    trouble.status === 401
      ? `${source.name} did not accept its credentials (401).`
      : `${source.name} does not allow this with its credentials (403).`
  if (source.origin === 'server') {
    return `${what} They are kept on the server: ask whoever runs it to update the “${source.id}” entry of its sources file.`
  }
  if (source.origin === 'bundled') return `${what} Choose another demo user.`
  return `${what} Your view and filters are kept; fix the credentials and come back.`
}
