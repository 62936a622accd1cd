import type { MouseEvent, ReactNode } from 'react'

const TABBABLE =
  '[tabindex="0"], a[href]:not([tabindex="-1"]), button:not([disabled]):not([tabindex="-1"]), input:not([disabled]):not([tabindex="-1"]), select:not([disabled]), textarea:not([disabled])'

const usable = (candidate: HTMLElement) => !candidate.closest('[inert], [hidden], [aria-hidden="true"]')

/**
 * Focuses what a keyboard user lands on inside `el`: a roving tab stop (`tabindex="0"`, such as
 * a grid's active tile) first, else the first focusable element, else `el` itself.
 */
function focusFirstIn(el: HTMLElement): void {
  const first =
    // note: a virtualized list's scroller is itself a tab stop; the innermost one is the item.
    Array.from(el.querySelectorAll<HTMLElement>('[tabindex="0"]')).find(
      (c) => usable(c) && !c.querySelector('[tabindex="0"]'),
    ) ?? Array.from(el.querySelectorAll<HTMLElement>(TABBABLE)).find(usable)
  if (first) {
    first.focus()
    return
  }
  if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1')
  el.focus()
}

interface SkipLinkProps {
  /** Id of the region to land in; its first focusable element gets focus (a grid's active tile). */
  target: string
  /** Id to use when this view has no such region. */
  fallback?: string
  children: ReactNode
  className?: string
}

/** A link that is invisible until focused and moves focus into a region, past what comes before. */
export function SkipLink({ target, fallback, children, className = '' }: SkipLinkProps) {
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    const el = document.getElementById(target) ?? (fallback ? document.getElementById(fallback) : null)
    if (!el) return
    e.preventDefault()
    focusFirstIn(el)
  }
  return (
    <a
      href={`#${target}`}
      onClick={onClick}
      className={`sr-only z-50 rounded bg-indigo-700 px-3 py-2 text-white focus:not-sr-only focus:absolute focus:top-2 focus:left-2 ${className}`}
    >
      {children}
    </a>
  )
}
