import type { ReactNode, Ref } from 'react'
import { LoadErrorBanner } from './load-error-banner'
import type { ListWindowHandle } from './use-list-window'

interface GridFrameProps<T> {
  list: ListWindowHandle<T>
  /** The outer box (the scroller's size). */
  boxRef?: Ref<HTMLDivElement>
  scrollerRef: Ref<HTMLDivElement>
  /** The scroller's height, in CSS px, and whether it stands for a taller list (scaled). */
  scale: { height: number; scaled: boolean }
  /** Extra scroller classes (its touch behaviour). */
  scrollerClassName?: string
  /** Drawn first inside the scroller, before the rows' box (a sticky header). */
  lead?: ReactNode
  /** The rows, absolutely placed inside the clipped box. */
  children: ReactNode
  footer: ReactNode
  footerRef: Ref<HTMLParagraphElement>
  /** The footer's offset from the top of the rows' box. */
  footerTop: number
  /** The scrubber, when it shows (it takes the scrollbar's place). */
  scrub: ReactNode
}

/**
 * The frame every grid draws its rows in: a scroller holding a box as tall as the (possibly
 * scaled) list, which clips rows and the footer placed past it, with the scrubber and the load
 * error banner beside it.
 */
export function GridFrame<T>({
  list,
  boxRef,
  scrollerRef,
  scale,
  scrollerClassName = '',
  lead,
  children,
  footer,
  footerRef,
  footerTop,
  scrub,
}: GridFrameProps<T>) {
  return (
    <div ref={boxRef} className="relative min-h-0 flex-1">
      <div
        ref={scrollerRef}
        data-virtuoso-scroller="true"
        data-grid-scroller=""
        data-scaled={scale.scaled || undefined}
        data-scrubbed={scrub ? true : undefined}
        className={`h-full overflow-y-auto [overflow-anchor:none] [scrollbar-gutter:stable] ${scrollerClassName}`}
      >
        {lead}
        {/* Clips the footer and rows placed past the scroller's height (they would stretch it). */}
        <div className="relative overflow-hidden" style={{ height: scale.height }}>
          {children}
          <p
            ref={footerRef}
            className="absolute inset-x-0 py-6 text-center text-sm text-neutral-600 dark:text-neutral-400"
            style={{ top: footerTop }}
          >
            {footer}
          </p>
        </div>
      </div>
      {scrub}
      <LoadErrorBanner list={list} />
    </div>
  )
}
