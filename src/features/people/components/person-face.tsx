import { useState } from 'react'
import type { Person } from '../../../dialects/types'
import { retryThumb, type ThumbLoading } from '../../../grid/tiles'

interface PersonFaceProps {
  person: Person
  className?: string
  /** How the crop loads: lazily unless told (a grid's first row loads at once). */
  loading?: ThumbLoading
}

/** A person's face crop in a circle; an initial on a plain disc when there is no crop. */
export function PersonFace({ person, className = '', loading = { loading: 'lazy' } }: PersonFaceProps) {
  const [failed, setFailed] = useState(false)
  const [loaded, setLoaded] = useState(false)
  const initial = person.name?.trim().charAt(0).toUpperCase() ?? '?'
  return (
    <span
      className={`relative block aspect-square overflow-hidden rounded-full bg-neutral-200 dark:bg-neutral-800 ${className}`}
    >
      {person.faceUrl && !failed ? (
        <img
          src={person.faceUrl}
          alt=""
          {...loading}
          decoding="async"
          draggable={false}
          onLoad={() => setLoaded(true)}
          onError={(e) => {
            if (!retryThumb(e.currentTarget)) setFailed(true)
          }}
          className={`h-full w-full object-cover transition-opacity duration-200 ${loaded ? 'opacity-100' : 'opacity-0'}`}
        />
      ) : (
        <span
          aria-hidden="true"
          className="flex h-full w-full items-center justify-center text-3xl font-semibold text-neutral-600 dark:text-neutral-300"
        >
          {initial}
        </span>
      )}
    </span>
  )
}
