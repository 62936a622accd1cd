import type { ComponentProps } from 'react'

/**
 * An image filling its box, one layer of a stack (a preview under its original, an input over
 * an output); never dragged as a file. Without `alt` it is decoration, hidden from screen readers.
 */
export function LayerImage({ alt = '', className = '', ...img }: ComponentProps<'img'>) {
  return (
    <img
      alt={alt}
      aria-hidden={alt === '' ? true : undefined}
      draggable={false}
      className={`absolute inset-0 h-full w-full ${className}`}
      {...img}
    />
  )
}
