import type { QueryCache } from '@tanstack/react-query'
import { useQueryClient } from '@tanstack/react-query'
import { useSyncExternalStore } from 'react'
import { isCredentialFailure } from './check'
import { ApiError } from '../dialects/http'
import type { SourceConfig } from '../dialects/types'

// Which sources refused their credentials while in use. Read from the query cache: every query
// about a source's data is keyed `[entity, sourceId, revision, …]` (sourceQueryKey), so a 401 or
// 403 on any of them marks that revision of the source, and a later success clears the mark.
// An edit bumps the revision, which makes an old mark irrelevant without clearing it by hand.

export interface CredentialTrouble {
  revision: number
  status: 401 | 403
}

export type TroubleMap = ReadonlyMap<string, CredentialTrouble>

interface Health {
  subscribe(listener: () => void): () => void
  snapshot(): TroubleMap
}

const healthByCache = new WeakMap<QueryCache, Health>()

function healthOf(cache: QueryCache): Health {
  const existing = healthByCache.get(cache)
  if (existing) return existing
  let troubles: Map<string, CredentialTrouble> = new Map()
  // A view's loader may have failed before anything asked for the health: start from the cache.
  for (const query of cache.getAll()) {
    const [, sourceId, revision] = query.queryKey
    const { error } = query.state
    if (typeof sourceId === 'string' && typeof revision === 'number' && isCredentialFailure(error)) {
      troubles.set(sourceId, { revision, status: (error as ApiError).status as 401 | 403 })
    }
  }
  const listeners = new Set<() => void>()
  const update = (next: Map<string, CredentialTrouble>) => {
    troubles = next
    for (const listener of listeners) listener()
  }
  cache.subscribe((event) => {
    if (event.type !== 'updated') return
    const [, sourceId, revision] = event.query.queryKey
    if (typeof sourceId !== 'string' || typeof revision !== 'number') return
    const current = troubles.get(sourceId)
    if (event.action.type === 'error' && isCredentialFailure(event.action.error)) {
      const status = (event.action.error as ApiError).status as 401 | 403
      if (current?.revision === revision && current.status === status) return
      update(new Map(troubles).set(sourceId, { revision, status }))
    } else if (event.action.type === 'success' && current && current.revision <= revision) {
      const next = new Map(troubles)
      next.delete(sourceId)
      update(next)
    }
  })
  const health: Health = {
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    snapshot: () => troubles,
  }
  healthByCache.set(cache, health)
  return health
}

/** Every source whose credentials were refused, by id (check `revision` against the source's). */
export function useCredentialTroubles(): TroubleMap {
  const health = healthOf(useQueryClient().getQueryCache())
  return useSyncExternalStore(health.subscribe, health.snapshot)
}

/** The refusal the current revision of `source` met, if any. */
export function troubleFor(troubles: TroubleMap, source: SourceConfig | undefined): CredentialTrouble | undefined {
  if (!source) return undefined
  const trouble = troubles.get(source.id)
  return trouble && trouble.revision === (source.revision ?? 0) ? trouble : undefined
}
