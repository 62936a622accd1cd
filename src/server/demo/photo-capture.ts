import type { Random } from '../random'
import { pad } from './format'
import type { CAMERAS } from './photo-vocabulary'

// What a phone or camera writes with a photo: device ids, checksums, exposure values and the
// file names each maker uses.

export function hex(random: Random, digits: number): string {
  let out = ''
  while (out.length < digits)
    out += Math.floor(random.next() * 0x10000)
      .toString(16)
      .padStart(4, '0')
  return out.slice(0, digits).toUpperCase()
}

export function checksum(random: Random): string {
  // 32 bytes, as a SHA-256 digest would be, base64-encoded as Gumnut sends it.
  const bytes = Buffer.allocUnsafe(32)
  for (let i = 0; i < 32; i += 4) bytes.writeUInt32LE(Math.floor(random.next() * 2 ** 32), i)
  return bytes.toString('base64')
}

type Camera = (typeof CAMERAS)[number]

export interface Device {
  id: string
  camera: Camera
  counter: number
}

export const EXPOSURES = [
  1 / 4000,
  1 / 2000,
  1 / 1000,
  1 / 500,
  1 / 250,
  1 / 125,
  1 / 60,
  1 / 30,
  1 / 15,
  1 / 4,
] as const
export const ISOS = [50, 64, 100, 125, 200, 320, 400, 800, 1600, 3200, 6400] as const
export const BIASES = [-1, -0.7, -0.3, 0, 0, 0, 0, 0.3, 0.7] as const

export function fileNameFor(device: Device, time: number): string {
  const d = new Date(time)
  const date = `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1, 2)}${pad(d.getUTCDate(), 2)}`
  const clock = `${pad(d.getUTCHours(), 2)}${pad(d.getUTCMinutes(), 2)}${pad(d.getUTCSeconds(), 2)}`
  switch (device.camera.names) {
    case 'iphone':
      return `IMG_${pad(device.counter % 10000, 4)}.JPG`
    case 'pixel':
      return `PXL_${date}_${clock}${pad(device.counter % 1000, 3)}.jpg`
    case 'samsung':
      return `${date}_${clock}.jpg`
    case 'sony':
      return `DSC${pad(device.counter % 100000, 5)}.JPG`
    case 'fuji':
      return `DSCF${pad(device.counter % 10000, 4)}.JPG`
    case 'canon':
      return `IMG_${pad(device.counter % 10000, 4)}.JPG`
  }
}
