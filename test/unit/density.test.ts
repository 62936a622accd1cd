import { describe, expect, it } from 'vitest'
import {
  GRID_DEFAULTS,
  NO_WHEEL,
  PINCH_STEP_RATIO,
  TILE_STEPS,
  WHEEL_STEP_PX,
  addWheel,
  nearestStep,
  pinchStep,
  readDensity,
  readShape,
  stepFrom,
  wheelPixels,
  writeDensity,
  writeShape,
  type WheelState,
} from '../../src/grid/density'

/** A storage that keeps its values in a map, like the browser's. */
function memoryStorage(initial: Record<string, string> = {}) {
  const values = new Map(Object.entries(initial))
  return {
    values,
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (key: string, value: string) => void values.set(key, value),
    removeItem: (key: string) => void values.delete(key),
  }
}

/** A storage the browser refuses (private modes, sandboxed frames). */
const refusing = {
  getItem: () => {
    throw new DOMException('denied', 'SecurityError')
  },
  setItem: () => {
    throw new DOMException('denied', 'SecurityError')
  },
  removeItem: () => {
    throw new DOMException('denied', 'SecurityError')
  },
}

describe('tile size steps', () => {
  it('offer at least five sizes from small to large, the usual sizes among them', () => {
    expect(TILE_STEPS.length).toBeGreaterThanOrEqual(5)
    expect([...TILE_STEPS].sort((a, b) => a - b)).toEqual(TILE_STEPS)
    expect(TILE_STEPS[0]).toBeLessThanOrEqual(72)
    expect(TILE_STEPS.at(-1)).toBeGreaterThanOrEqual(300)
    expect(TILE_STEPS).toContain(GRID_DEFAULTS.phone)
    expect(TILE_STEPS).toContain(GRID_DEFAULTS.desktop)
  })

  it('step one size up or down, and stay at either end', () => {
    expect(stepFrom(136, 1)).toBe(176)
    expect(stepFrom(136, -1)).toBe(96)
    expect(stepFrom(TILE_STEPS[0]!, -1)).toBe(TILE_STEPS[0])
    expect(stepFrom(TILE_STEPS.at(-1)!, 1)).toBe(TILE_STEPS.at(-1))
  })

  it('step from a default between two sizes to the nearer one on that side', () => {
    expect(stepFrom(160, 1)).toBe(176)
    expect(stepFrom(160, -1)).toBe(136)
  })

  it('walk every size from the smallest to the largest and back', () => {
    let width = TILE_STEPS[0]!
    const up = [width]
    for (let i = 1; i < TILE_STEPS.length; i++) up.push((width = stepFrom(width, 1)))
    expect(up).toEqual(TILE_STEPS)
    for (let i = 1; i < TILE_STEPS.length; i++) width = stepFrom(width, -1)
    expect(width).toBe(TILE_STEPS[0])
  })

  it('place a width at the nearest step', () => {
    expect(nearestStep(136)).toBe(TILE_STEPS.indexOf(136))
    expect(nearestStep(160)).toBe(TILE_STEPS.indexOf(176))
    expect(nearestStep(1)).toBe(0)
    expect(nearestStep(10_000)).toBe(TILE_STEPS.length - 1)
  })
})

describe('the kept tile shape', () => {
  it('is kept per view, apart from the size', () => {
    const storage = memoryStorage()
    writeShape(storage, 'assets', 'square')
    writeDensity(storage, 'assets', 96)
    expect(readShape(storage, 'assets')).toBe('square')
    expect(readShape(storage, 'photos')).toBeNull()
    writeShape(storage, 'assets', 'justified')
    expect(readShape(storage, 'assets')).toBe('justified')
    expect(readDensity(storage, 'assets')).toBe(96)
  })

  it('falls back to the default for anything but a shape', () => {
    const storage = memoryStorage()
    for (const bad of ['', 'Square', 'rows', ' justified', '1']) {
      storage.setItem('vitrine:tile-shape:assets', bad)
      expect(readShape(storage, 'assets'), JSON.stringify(bad)).toBeNull()
    }
  })
})

describe('the kept tile size', () => {
  it('is kept per view', () => {
    const storage = memoryStorage()
    writeDensity(storage, 'assets', 96)
    writeDensity(storage, 'people', 272)
    expect(readDensity(storage, 'assets')).toBe(96)
    expect(readDensity(storage, 'people')).toBe(272)
    expect(readDensity(storage, 'projects')).toBeNull()
  })

  it('is forgotten on a reset', () => {
    const storage = memoryStorage()
    writeDensity(storage, 'assets', 96)
    writeDensity(storage, 'assets', null)
    expect(readDensity(storage, 'assets')).toBeNull()
    expect(storage.values.size).toBe(0)
  })

  it('falls back to the default for a stored value that is not a step', () => {
    for (const bad of ['', 'abc', '100', '-64', '64.5', '1e2', ' 64', 'null', '{"w":64}', '9'.repeat(400)]) {
      const storage = memoryStorage({ 'vitrine:tile-size:assets': bad })
      expect(readDensity(storage, 'assets'), JSON.stringify(bad)).toBeNull()
    }
  })

  it('falls back to the default when storage is off, and writes nothing then', () => {
    expect(readDensity(refusing, 'assets')).toBeNull()
    expect(readDensity(null, 'assets')).toBeNull()
    expect(() => writeDensity(refusing, 'assets', 96)).not.toThrow()
  })

  it('refuses to keep a size that is no step', () => {
    expect(() => writeDensity(memoryStorage(), 'assets', 100)).toThrow(/No tile size step is 100 px/)
  })
})

/** Feeds Ctrl+wheel deltas `ms` apart and lists the steps they make. */
function wheelSteps(deltas: number[], ms = 16, start: WheelState = NO_WHEEL): (1 | -1)[] {
  let state = start
  const steps: (1 | -1)[] = []
  deltas.forEach((delta, i) => {
    const next = addWheel(state, delta, 1000 + i * ms)
    state = next.state
    if (next.step) steps.push(next.step)
  })
  return steps
}

describe('Ctrl + wheel', () => {
  it('steps once per mouse wheel notch: up is larger tiles', () => {
    expect(wheelSteps([-100])).toEqual([1])
    expect(wheelSteps([100, 100, 100])).toEqual([-1, -1, -1])
    expect(wheelSteps([-53])).toEqual([1])
  })

  it('gathers a trackpad pinch’s small deltas into a step per 100 px', () => {
    expect(wheelSteps(Array(9).fill(-10))).toEqual([])
    expect(wheelSteps(Array(10).fill(-10))).toEqual([1])
    expect(wheelSteps(Array(35).fill(6))).toEqual([-1, -1])
    expect(WHEEL_STEP_PX).toBe(100)
  })

  it('starts over after a pause, or when the pinch turns round', () => {
    expect(wheelSteps(Array(18).fill(-10), 500)).toEqual([])
    expect(wheelSteps([...Array(9).fill(-10), ...Array(9).fill(10)])).toEqual([])
  })

  it('reads line and page deltas as pixels', () => {
    expect(wheelPixels({ deltaY: 3, deltaMode: 1 }, 800)).toBe(48)
    expect(wheelPixels({ deltaY: -1, deltaMode: 2 }, 800)).toBe(-800)
    expect(wheelPixels({ deltaY: 7, deltaMode: 0 }, 800)).toBe(7)
  })
})

describe('a two-finger pinch', () => {
  it('steps once per 1.25× spread or close, measured from its last step', () => {
    expect(PINCH_STEP_RATIO).toBe(1.25)
    expect(pinchStep(100, 120)).toEqual({ step: null, base: 100 })
    expect(pinchStep(100, 125)).toEqual({ step: 1, base: 125 })
    expect(pinchStep(100, 80)).toEqual({ step: -1, base: 80 })
    expect(pinchStep(100, 81)).toEqual({ step: null, base: 100 })
  })

  it('makes two steps of a spread to 1.6×, one at a time', () => {
    let base = 100
    const steps: (1 | -1)[] = []
    for (let d = 100; d <= 160; d += 5) {
      const next = pinchStep(base, d)
      base = next.base
      if (next.step) steps.push(next.step)
    }
    expect(steps).toEqual([1, 1])
  })

  it('ignores fingers on the same spot', () => {
    expect(pinchStep(0, 50)).toEqual({ step: null, base: 50 })
    expect(pinchStep(100, 0)).toEqual({ step: null, base: 100 })
  })
})
