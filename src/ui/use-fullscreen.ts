import { useEffect, useState } from 'react'

/** The page in full screen (the Fullscreen API), and whether this browser offers it. */
export function useFullscreen(): { supported: boolean; active: boolean; toggle: () => void } {
  const [active, setActive] = useState(() => typeof document !== 'undefined' && document.fullscreenElement !== null)
  useEffect(() => {
    const onChange = () => setActive(document.fullscreenElement !== null)
    document.addEventListener('fullscreenchange', onChange)
    return () => document.removeEventListener('fullscreenchange', onChange)
  }, [])
  const supported = typeof document !== 'undefined' && document.fullscreenEnabled === true
  const toggle = () => {
    // The whole page goes full screen, so the tooltips and dialogs portalled to <body> still show.
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined)
    else void document.documentElement.requestFullscreen().catch(() => undefined)
  }
  return { supported, active, toggle }
}
