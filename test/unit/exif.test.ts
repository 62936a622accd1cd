import { describe, expect, it } from 'vitest'
import { exifRows, formatCamera, formatExposure, formatPlace, formatShutter } from '../../src/features/assets/exif'

describe('EXIF formatting', () => {
  it('writes the exposure as "1/250 s · f/2.8 · ISO 200 · 35 mm"', () => {
    expect(formatExposure({ exposureTime: 0.004, fNumber: 2.8, iso: 200, focalLength: 35 })).toBe(
      '1/250 s · f/2.8 · ISO 200 · 35 mm',
    )
  })

  it('leaves out the parts the file did not record', () => {
    expect(formatExposure({ exposureTime: null, fNumber: 1.8, iso: null, focalLength: 50 })).toBe('f/1.8 · 50 mm')
    expect(formatExposure({ iso: 3200 })).toBe('ISO 3200')
    expect(formatExposure({})).toBeNull()
  })

  it('writes long exposures in seconds and trims needless decimals', () => {
    expect(formatShutter(2)).toBe('2 s')
    expect(formatShutter(0.5)).toBe('0.5 s')
    expect(formatShutter(1 / 60)).toBe('1/60 s')
    expect(formatExposure({ fNumber: 8, focalLength: 23.5 })).toBe('f/8 · 23.5 mm')
  })

  it('names the camera without repeating its make', () => {
    expect(formatCamera({ make: 'Canon', model: 'Canon EOS R5' })).toBe('Canon EOS R5')
    expect(formatCamera({ make: 'FUJIFILM', model: 'X-T4' })).toBe('FUJIFILM X-T4')
    expect(formatCamera({ make: null, model: 'iPhone 15' })).toBe('iPhone 15')
    expect(formatCamera({})).toBeNull()
  })

  it('writes the place from what is known', () => {
    expect(formatPlace({ city: 'Lisbon', state: 'Lisbon District', country: 'Portugal' })).toBe(
      'Lisbon, Lisbon District, Portugal',
    )
    expect(formatPlace({ city: null, state: null, country: 'Portugal' })).toBe('Portugal')
    expect(formatPlace({ city: 'Singapore', country: 'Singapore' })).toBe('Singapore')
    expect(formatPlace({})).toBeNull()
  })

  it('lists camera, lens, exposure, date taken and place, skipping empty rows', () => {
    const rows = exifRows({
      make: 'Sony',
      model: 'ILCE-7M4',
      lens: 'FE 35mm F1.8',
      exposureTime: 0.004,
      fNumber: 2.8,
      iso: 200,
      focalLength: 35,
      takenAt: '2024-07-14T18:03:22',
      city: 'Porto',
      country: 'Portugal',
    })
    expect(rows).toEqual([
      { term: 'Camera', value: 'Sony ILCE-7M4' },
      { term: 'Lens', value: 'FE 35mm F1.8' },
      { term: 'Exposure', value: '1/250 s · f/2.8 · ISO 200 · 35 mm' },
      { term: 'Taken', value: '14 Jul 2024, 18:03:22' },
      { term: 'Place', value: 'Porto, Portugal' },
    ])
    expect(exifRows({ iso: 100 })).toEqual([{ term: 'Exposure', value: 'ISO 100' }])
  })
})
