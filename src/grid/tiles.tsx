interface PlaceholderTileProps {
  index: number
  /** While loading has failed the placeholder stops pulsing: nothing is on its way. */
  failed: boolean
}

/** A grid cell whose item is not loaded yet. */
export function PlaceholderTile({ index, failed }: PlaceholderTileProps) {
  return (
    <div
      data-index={index}
      data-placeholder={failed ? 'failed' : 'loading'}
      aria-hidden="true"
      className={`aspect-square rounded-md bg-neutral-200 dark:bg-neutral-800 ${failed ? 'opacity-60' : 'animate-pulse motion-reduce:animate-none'}`}
    />
  )
}

interface SelectToggleProps {
  selected: boolean
  /** Names the item: "Select look-0001.jpg". */
  label: string
  onToggle: () => void
  /** Shown at all times while anything is selected, else on hover and focus. */
  selecting: boolean
}

/**
 * A tile's checkbox, a sibling of its link (controls never nest). Keyboard users select with X
 * on the tile, so it is left out of the Tab order.
 */
export function SelectToggle({ selected, label, onToggle, selecting }: SelectToggleProps) {
  return (
    <button
      type="button"
      role="checkbox"
      aria-checked={selected}
      aria-label={`Select ${label}`}
      tabIndex={-1}
      onClick={onToggle}
      className={`absolute top-1.5 left-1.5 flex size-7 items-center justify-center rounded-full border-2 text-sm font-bold shadow transition-opacity ${
        selected
          ? 'border-white bg-indigo-600 text-white opacity-100'
          : `border-white bg-black/40 text-transparent ${selecting ? 'opacity-100' : 'opacity-0 group-hover:opacity-100 group-focus-within:opacity-100'}`
      }`}
    >
      ✓
    </button>
  )
}
