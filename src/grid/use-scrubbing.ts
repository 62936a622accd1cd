import { useState } from 'react'

/**
 * Whether a grid shows its scrubber (where it has one, `available`): beside a list longer than
 * about three screens. The scrubber takes the scrollbar's place and more room than it, which
 * makes square tiles, and so the list, a little shorter: once shown, it stays down to two and a
 * half screens, or a list near three would show and hide it in turn, each render measuring
 * anew, until React gives up.
 */
export function useScrubbing(available: boolean, content: number, viewport: number): boolean {
  const [scrubbed, setScrubbed] = useState(false)
  const scrubbing = available && content > (scrubbed ? 2.5 : 3) * viewport
  if (scrubbing !== scrubbed) setScrubbed(scrubbing)
  return scrubbing
}
