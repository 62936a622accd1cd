import { createFileRoute } from '@tanstack/react-router'
import { AssetViewer } from '../../../../features/assets/components/asset-viewer'

// The same viewer as the assets grid's, over the person's photos.
export const Route = createFileRoute('/$source/people/$personId/$assetId')({
  component: AssetViewer,
})
