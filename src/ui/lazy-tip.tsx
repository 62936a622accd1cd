import {
  cloneElement,
  lazy,
  Suspense,
  useEffect,
  useRef,
  useState,
  type ComponentProps,
  type FocusEvent,
  type PointerEvent,
  type ReactElement,
} from 'react'

const Tip = lazy(() => import('./tooltip').then((m) => ({ default: m.Tip })))

interface ChildProps {
  onPointerEnter?: (event: PointerEvent<HTMLElement>) => void
  onFocus?: (event: FocusEvent<HTMLElement>) => void
}

/**
 * `Tip` for controls on the first screen (the filter panel, the grid's tiles): the tooltip's code
 * loads the first time the control is hovered or focused, not with the page. The control is then
 * drawn anew inside the tooltip's trigger; if it had focus, focus comes back to it, which opens
 * the tip as a focus would.
 */
export function LazyTip({ children, ...tip }: ComponentProps<typeof Tip>) {
  const [armed, setArmed] = useState<false | 'pointer' | 'focus'>(false)
  if (!armed) {
    const own = children.props as ChildProps
    return cloneElement(children as ReactElement<ChildProps>, {
      onPointerEnter: (event: PointerEvent<HTMLElement>) => {
        own.onPointerEnter?.(event)
        setArmed('pointer')
      },
      onFocus: (event: FocusEvent<HTMLElement>) => {
        own.onFocus?.(event)
        setArmed('focus')
      },
    })
  }
  return (
    <Suspense fallback={children}>
      <Armed focus={armed === 'focus'}>
        <Tip {...tip}>{children}</Tip>
      </Armed>
    </Suspense>
  )
}

/** Gives focus back to the control drawn anew, when it was the focus that armed the tip. */
function Armed({ focus, children }: { focus: boolean; children: ReactElement }) {
  const box = useRef<HTMLSpanElement>(null)
  useEffect(() => {
    const control = box.current?.firstElementChild
    if (
      focus &&
      control instanceof HTMLElement &&
      (document.activeElement === document.body || !document.activeElement)
    ) {
      control.focus({ preventScroll: true })
    }
  }, [focus])
  return (
    <span ref={box} className="contents">
      {children}
    </span>
  )
}
