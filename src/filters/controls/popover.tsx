import { Popover } from 'radix-ui'
import { useState, type HTMLAttributes, type ReactNode } from 'react'

interface FilterPopoverProps {
  /** Base for the label's and trigger's ids. */
  id: string
  label: string
  open: boolean
  onOpenChange: (open: boolean) => void
  /** What the trigger shows: the current choice. */
  summary: ReactNode
  /** More attributes for the trigger (state, data hooks for tests). */
  triggerProps?: HTMLAttributes<HTMLButtonElement> & Record<`data-${string}`, string>
  /** The search box's text: the first Esc clears it, the next closes. */
  query: string
  onClearQuery: () => void
  children: ReactNode
  /** Shown under the trigger (a load error with its Retry). */
  after?: ReactNode
}

/**
 * The shell every filter picker shares: a labelled field-like trigger showing the choice, and a
 * popover (search box and list inside, from `children`) that fits a phone's width.
 */
export function FilterPopover({
  id,
  label,
  open,
  onOpenChange,
  summary,
  triggerProps,
  query,
  onClearQuery,
  children,
  after,
}: FilterPopoverProps) {
  return (
    <div>
      <span id={`${id}-label`} className="label">
        {label}
      </span>
      <Popover.Root open={open} onOpenChange={onOpenChange}>
        <Popover.Trigger
          {...triggerProps}
          id={`${id}-trigger`}
          aria-labelledby={`${id}-label ${id}-trigger`}
          className="field flex min-h-9 items-center justify-between gap-2 text-left"
        >
          {summary}
          <span aria-hidden="true">▾</span>
        </Popover.Trigger>
        <Popover.Portal>
          <Popover.Content
            align="start"
            sideOffset={4}
            collisionPadding={8}
            aria-label={`Choose ${label.toLowerCase()}`}
            className="z-50 flex max-h-[min(70vh,30rem)] w-[min(22rem,calc(100vw-1rem))] flex-col gap-2 rounded-md border border-neutral-300 bg-white p-2 text-neutral-900 shadow-lg dark:border-neutral-700 dark:bg-neutral-900 dark:text-neutral-100"
            onEscapeKeyDown={(e) => {
              if (query !== '') {
                e.preventDefault()
                onClearQuery()
              }
            }}
          >
            {children}
          </Popover.Content>
        </Popover.Portal>
      </Popover.Root>
      {after}
    </div>
  )
}

/**
 * A picker's open state and search text, wired the way `FilterPopover` wants them: closing
 * clears the search. `onReset` (the picker's place in its list) runs when the popover opens or
 * closes and when Esc clears the search.
 */
export function usePickerSearch(onReset?: () => void) {
  const [open, setOpen] = useState(false)
  const [query, setQuery] = useState('')
  return {
    query,
    setQuery,
    /** A choice was made: the popover closes, its search emptied. */
    close: () => {
      setOpen(false)
      setQuery('')
    },
    /** Spread into `FilterPopover`. */
    popover: {
      open,
      onOpenChange: (next: boolean) => {
        setOpen(next)
        onReset?.()
        if (!next) setQuery('')
      },
      query,
      onClearQuery: () => {
        setQuery('')
        onReset?.()
      },
    },
  }
}
