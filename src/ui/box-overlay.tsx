import type { CSSProperties, MouseEvent } from 'react'
import { Tip } from './tooltip'

/** A region of an image: a face, or a detected object. */
export interface OverlayBox {
  id: string
  /** [x, y, width, height] as fractions of the image. */
  box: readonly [number, number, number, number]
  /** What it is, in a few words: a person's name, "Unnamed person", an object's label. */
  name: string
  /** What a screen reader says for it ("Face: Ana Souza"). */
  ariaLabel: string
  /** Where activating it leads (a person's page); without one it is only announced. */
  href?: string
  /** Show `name` on the box itself (detections) rather than in a tooltip (faces). */
  captioned?: boolean
}

interface BoxOverlayProps {
  boxes: readonly OverlayBox[]
  /** The list's name for assistive technology, e.g. "Faces". */
  label: string
  /** Follows a box's link inside the app; plain clicks only (a modified click opens a new tab). */
  onNavigate?: (href: string) => void
}

/** Where a box sits inside an element exactly the image's size. */
function boxStyle(box: OverlayBox['box']): CSSProperties {
  const [x, y, w, h] = box
  return { left: `${x * 100}%`, top: `${y * 100}%`, width: `${w * 100}%`, height: `${h * 100}%` }
}

const FRAME =
  'absolute block rounded-sm border-2 border-white shadow-[0_0_0_1px_rgba(0,0,0,0.7)] outline-offset-2 focus-visible:outline-3 focus-visible:outline-indigo-400'

/**
 * Boxes drawn over an image. Mount it inside an element sized exactly to the image (as
 * `ZoomableImage` gives its children), so the boxes follow any window size and zoom.
 */
export function BoxOverlay({ boxes, label, onNavigate }: BoxOverlayProps) {
  if (boxes.length === 0) return null
  const follow = (href: string) => (e: MouseEvent) => {
    if (!onNavigate || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return
    e.preventDefault()
    onNavigate(href)
  }
  return (
    <ul aria-label={label} className="absolute inset-0">
      {boxes.map((b) => (
        <li key={b.id} data-overlay-box={b.id} className="contents">
          {b.captioned ? (
            <span
              role="img"
              aria-label={b.ariaLabel}
              className={`${FRAME} pointer-events-none`}
              style={boxStyle(b.box)}
            >
              <span
                aria-hidden="true"
                className="absolute top-0 left-0 max-w-full truncate bg-black/75 px-1 text-xs text-white"
              >
                {b.name}
              </span>
            </span>
          ) : b.href ? (
            <Tip label={b.name}>
              <a
                href={b.href}
                aria-label={b.ariaLabel}
                onClick={follow(b.href)}
                className={`${FRAME} hover:border-indigo-300`}
                style={boxStyle(b.box)}
              />
            </Tip>
          ) : (
            <Tip label={b.name}>
              {/* A face of no one known: nothing to open, but reachable so its label can be read. */}
              {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex */}
              <span tabIndex={0} role="img" aria-label={b.ariaLabel} className={FRAME} style={boxStyle(b.box)} />
            </Tip>
          )}
        </li>
      ))}
    </ul>
  )
}
