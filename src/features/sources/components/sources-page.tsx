import { getRouteApi, Link, useRouter } from '@tanstack/react-router'
import { useEffect, useState } from 'react'
import type { Source, SourceDraft, SourceOrigin } from '../../../sources/types'
import { useAllSources, useSourceStore } from '../../../sources/use-sources'
import { ConfirmDialog, FormDialog } from '../../../ui/form-dialog'
import { useDocumentTitle } from '../../../ui/use-document-title'
import { DIALECT_INFO } from '../dialect-info'
import { useSourceCheck } from '../use-source-check'
import { CheckResult } from './check-result'
import { SourceForm } from './source-form'

const route = getRouteApi('/sources')

const SECTIONS: readonly { origin: SourceOrigin; title: string; about: string }[] = [
  {
    origin: 'bundled',
    title: 'Demo sources',
    about: 'The reference server’s demo catalog. They cannot be removed; hide the ones you do not use.',
  },
  {
    origin: 'server',
    title: 'On this server',
    about:
      'Configured by whoever runs this server (VITRINE_SOURCES) and reached through its proxy; their credentials stay on the server.',
  },
  {
    origin: 'browser',
    title: 'In this browser',
    about: 'Added here and kept in this browser only. Requests go straight from this page to the source.',
  },
]

export function SourcesPage() {
  const store = useSourceStore()
  const sources = useAllSources()
  const { edit } = route.useSearch()
  const navigate = route.useNavigate()
  const router = useRouter()
  const [adding, setAdding] = useState(false)
  const [removing, setRemoving] = useState<Source | null>(null)
  const editing = edit === undefined ? undefined : sources.find((s) => s.id === edit)
  const editable = editing?.origin === 'browser' ? editing : undefined

  // The page that lists them reads the server's sources afresh (others read them once per load).
  useEffect(() => {
    void store.loadServerSources()
  }, [store])

  const closeForm = () => {
    setAdding(false)
    if (edit !== undefined) void navigate({ search: {}, replace: true })
  }

  const save = (draft: SourceDraft) => {
    const result = editable ? store.update(editable.id, draft) : store.add(draft)
    if (result.ok) {
      // Came here to fix a failing source: go back to the same view and filters.
      const returnTo = router.state.location.state.returnTo
      if (editable && returnTo) void router.navigate({ href: returnTo, replace: true })
      else closeForm()
    }
    return result
  }

  // note: only the page's name: a source's name or credential never goes in the title.
  useDocumentTitle(['Sources'])
  const problems = store.problems()
  return (
    <div className="min-h-0 flex-1 overflow-y-auto">
      <div className="mx-auto flex max-w-4xl flex-col gap-8 p-4 sm:p-6">
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-xl font-semibold">Sources</h1>
          <button type="button" className="btn btn-primary ml-auto" onClick={() => setAdding(true)}>
            Add a source
          </button>
        </div>
        {problems.length > 0 && (
          <ul role="status" className="list-inside list-disc text-sm text-amber-800 dark:text-amber-200">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        )}
        {edit !== undefined && !editable && (
          <p role="status" className="text-sm text-amber-800 dark:text-amber-200">
            {editing
              ? `“${editing.name}” is not kept in this browser, so it cannot be edited here.`
              : `There is no source “${edit}” in this browser.`}
          </p>
        )}
        {SECTIONS.map((section) => {
          const members = sources.filter((s) => s.origin === section.origin)
          if (section.origin === 'server' && members.length === 0) return null
          const headingId = `sources-${section.origin}`
          return (
            <section key={section.origin} aria-labelledby={headingId}>
              <h2 id={headingId} className="text-base font-semibold">
                {section.title}
              </h2>
              <p className="mt-1 text-sm text-neutral-600 dark:text-neutral-400">{section.about}</p>
              {members.length === 0 ? (
                <p className="mt-3 text-sm">
                  None yet. <strong>Add a source</strong> to browse your own PiktID, Scenario, Vipanya or Gumnut
                  account.
                </p>
              ) : (
                <ul className="mt-3 divide-y divide-neutral-200 rounded-lg border border-neutral-200 dark:divide-neutral-800 dark:border-neutral-800">
                  {members.map((source) => (
                    <SourceRow
                      key={source.id}
                      source={source}
                      hidden={store.isHidden(source.id)}
                      demoUser={store.demoUser(source.id)}
                      onHide={(hide) => store.setHidden(source.id, hide)}
                      onRemove={() => setRemoving(source)}
                    />
                  ))}
                </ul>
              )}
            </section>
          )
        })}
      </div>

      <FormDialog
        open={adding || editable !== undefined}
        onOpenChange={(open) => !open && closeForm()}
        title={editable ? `Edit “${editable.name}”` : 'Add a source'}
      >
        <SourceForm
          key={editable ? `${editable.id}@${editable.revision}` : 'new'}
          editing={editable}
          existing={sources}
          onSave={save}
          onCancel={closeForm}
        />
      </FormDialog>
      <ConfirmDialog
        open={removing !== null}
        onOpenChange={(open) => !open && setRemoving(null)}
        title={`Remove “${removing?.name ?? ''}”?`}
        description="Its address and credentials are deleted from this browser. The account itself is not touched."
        confirmLabel="Remove"
        onConfirm={() => {
          if (removing) store.remove(removing.id)
          setRemoving(null)
        }}
      />
    </div>
  )
}

interface SourceRowProps {
  source: Source
  hidden: boolean
  demoUser: string | undefined
  onHide: (hide: boolean) => void
  onRemove: () => void
}

function SourceRow({ source, hidden, demoUser, onHide, onRemove }: SourceRowProps) {
  const check = useSourceCheck()
  const nameId = `source-${source.id}-name`
  return (
    <li className="flex flex-col gap-2 p-3 sm:p-4" data-source={source.id}>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <div className="min-w-0 flex-1">
          <p className="flex flex-wrap items-center gap-2">
            <Link
              id={nameId}
              to="/$source/assets"
              params={{ source: source.id }}
              className="font-medium text-indigo-700 hover:underline dark:text-indigo-300"
            >
              {source.name}
            </Link>
            <span className="rounded bg-neutral-100 px-1.5 py-0.5 text-xs font-medium text-neutral-700 dark:bg-neutral-800 dark:text-neutral-300">
              {DIALECT_INFO[source.dialect].label}
            </span>
            {hidden && <span className="text-xs text-neutral-600 dark:text-neutral-400">Hidden from the switcher</span>}
          </p>
          <p className="mt-0.5 truncate font-mono text-xs text-neutral-600 dark:text-neutral-400">
            {source.origin === 'server' ? `${source.baseUrl} (through this server)` : source.baseUrl}
            {demoUser && <span className="font-sans"> · signed in as {demoUser}</span>}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <button
            type="button"
            className="btn"
            onClick={() => void check.run(source)}
            disabled={check.state.status === 'running'}
            aria-describedby={nameId}
          >
            Test
          </button>
          {source.origin === 'browser' && (
            <Link to="/sources" search={{ edit: source.id }} className="btn" aria-describedby={nameId}>
              Edit
            </Link>
          )}
          <button type="button" className="btn" onClick={() => onHide(!hidden)} aria-describedby={nameId}>
            {hidden ? 'Show' : 'Hide'}
          </button>
          {source.origin === 'browser' && (
            <button type="button" className="btn" onClick={onRemove} aria-describedby={nameId}>
              Remove
            </button>
          )}
        </div>
      </div>
      <CheckResult state={check.state} />
    </li>
  )
}
