import { getRouteApi } from '@tanstack/react-router'
import { useCallback, type ReactNode } from 'react'
import type { Asset } from '../../../dialects/types'
import type { ListWindowHandle } from '../../../grid/use-list-window'
import { useGridShortcuts } from '../../../grid/grid-shortcuts'
import { AssetResults } from './asset-results'

const route = getRouteApi('/$source/people/$personId')

/**
 * A person's photos (the assets list with `person_id`) in the shared grid; the viewer opens as a
 * child route of the person's page (`…/people/$personId/$assetId`), so closing it lands back here.
 */
export function PersonPhotos({ header }: { header: (list: ListWindowHandle<Asset>) => ReactNode }) {
  const { source, filters } = route.useRouteContext()
  const { personId } = route.useParams()
  const navigate = route.useNavigate()
  // The person's page has no search box.
  useGridShortcuts('photo', { search: false })
  const base = `/${encodeURIComponent(source.id)}/people/${encodeURIComponent(personId)}/`
  const hrefOf = useCallback((asset: Asset) => base + encodeURIComponent(asset.id), [base])
  const onOpen = useCallback(
    (asset: Asset) =>
      void navigate({
        to: '/$source/people/$personId/$assetId',
        params: { source: source.id, personId, assetId: asset.id },
        state: (prev) => ({ ...prev, fromGrid: true }),
      }),
    [navigate, source.id, personId],
  )
  return (
    <AssetResults
      key={personId}
      source={source}
      filters={filters}
      placeId={`${source.id}/people/${personId}`}
      densityView="person-photos"
      noun="photo"
      backLabel="Back to their photos"
      hrefOf={hrefOf}
      onOpen={onOpen}
      header={header}
      showCount={false}
      empty="No photos of this person yet."
    />
  )
}
