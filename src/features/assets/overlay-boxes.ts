import type { Asset } from '../../dialects/types'
import type { OverlayBox } from '../../ui/box-overlay'

export interface AssetOverlay {
  /** The list's accessible name and the toggle's label. */
  label: 'Faces' | 'Detected objects'
  boxes: OverlayBox[]
}

/**
 * The boxes to draw over an asset: faces (linking to the person, when known) for photos, the
 * detected objects with their labels otherwise; null when it has neither.
 */
export function assetOverlay(asset: Asset, sourceId: string): AssetOverlay | null {
  if (asset.faces?.length) {
    return {
      label: 'Faces',
      boxes: asset.faces.map((face) => {
        const name = face.personName ?? 'Unnamed person'
        return {
          id: face.id,
          box: face.box,
          name,
          ariaLabel: `Face: ${name}`,
          href: face.personId
            ? `/${encodeURIComponent(sourceId)}/people/${encodeURIComponent(face.personId)}`
            : undefined,
        }
      }),
    }
  }
  if (asset.detections.length) {
    return {
      label: 'Detected objects',
      boxes: asset.detections.map((d, i) => ({
        id: `${i}`,
        box: d.box,
        name: d.label,
        ariaLabel: `Detected: ${d.label} (${Math.round(d.confidence * 100)}%)`,
        captioned: true,
      })),
    }
  }
  return null
}
