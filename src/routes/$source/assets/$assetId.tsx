import { createFileRoute } from '@tanstack/react-router'
import { AssetViewer } from '../../../features/assets/components/asset-viewer'

export const Route = createFileRoute('/$source/assets/$assetId')({
  component: AssetViewer,
})
