import type Database from 'better-sqlite3'
import { PHOTO_DERIVED_SQL, PHOTO_INDEXES_DDL, PHOTO_TABLES_DDL } from '../db/schema-photos'
import { createRandom } from '../random'
import { pad } from './format'
import { BIASES, checksum, EXPOSURES, fileNameFor, hex, ISOS, type Device } from './photo-capture'
import { pickIndex, placeFaces, popularityTable, type Person } from './photo-people'
import { userIdsByName } from './users'
import {
  ALBUM_NAMES,
  CAMERAS,
  DESCRIPTIONS,
  FIRST_NAMES,
  LAST_NAMES,
  LIBRARIES_BY_USER,
  PLACES,
} from './photo-vocabulary'

// The demo photo libraries (Gumnut, seed 004): per user, libraries, albums, 40+ people and photos
// taken at "events" (a time, a place, a camera, a group of people), with faces whose boxes are in
// the photo's own pixels. Deterministic in (seed, photo count); it draws from its own random
// stream, so adding the photos to an existing catalog gives the same rows as a fresh build.

type Db = Database.Database

/** Capture times fall in the six years before this instant. */
const PHOTOS_END = Date.UTC(2025, 5, 1, 0, 0, 0)
const SIX_YEARS_MS = 6 * 365 * 24 * 3600 * 1000
const DAY_MS = 24 * 3600 * 1000

/** Who gets photos by default, and their share of the total. */
const DEFAULT_PHOTO_OWNERS: readonly (readonly [string, number])[] = [
  ['alice', 50],
  ['bob', 30],
  ['carol', 20],
]

export interface PhotoFillOptions {
  /** Photos in the whole catalog, split between the owners by weight. */
  photos: number
  seed: string
  /** [username, weight]; users missing from the catalog are skipped. */
  owners?: readonly (readonly [string, number])[]
}

export interface PhotoFillResult {
  photos: number
  faces: number
  people: number
  albums: number
  libraries: number
  insertMs: number
  indexMs: number
}

const PHOTO_TABLE_NAMES = [
  'photo_libraries',
  'photo_albums',
  'photos',
  'photo_album_items',
  'photo_people',
  'photo_faces',
] as const

function createPhotoTables(db: Db): void {
  db.exec(PHOTO_TABLES_DDL)
}

function createPhotoIndexes(db: Db): void {
  db.exec(PHOTO_INDEXES_DDL)
}

const iso = (ms: number): string => `${new Date(ms).toISOString().slice(0, 19)}Z`

function capitalise(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1)
}

/**
 * Adds the photo libraries to `db` (which must have its users) and indexes them. Run inside no
 * transaction: it opens its own.
 */
export function fillPhotoLibrary(db: Db, options: PhotoFillOptions): PhotoFillResult {
  const started = performance.now()
  createPhotoTables(db)
  const total = Math.max(0, Math.floor(options.photos))
  const random = createRandom(`${options.seed}:photos:${total}`)
  const ownerWeights = options.owners ?? DEFAULT_PHOTO_OWNERS
  const users = userIdsByName(db)
  const owners = ownerWeights.filter(([name]) => users.has(name))
  const weightSum = owners.reduce((s, [, w]) => s + w, 0)

  const insertLibrary = db.prepare(
    'INSERT INTO photo_libraries (id, owner_id, name, description, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
  )
  const insertAlbum = db.prepare(
    `INSERT INTO photo_albums (id, library_id, owner_id, name, description, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  )
  const insertPerson = db.prepare(
    `INSERT INTO photo_people (id, owner_id, library_id, name, birth_date, is_hidden, is_favorite, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const insertPhoto = db.prepare(
    `INSERT INTO photos (id, library_id, owner_id, local_datetime, device_id, device_asset_id, mime_type,
       original_file_name, width, height, file_created_at, file_modified_at, checksum, created_at, updated_at,
       has_exif, make, model, lens_model, orientation, f_number, focal_length, iso, exposure_time, exposure_bias,
       latitude, longitude, altitude, city, state, country, rating, description, face_count)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const insertItem = db.prepare('INSERT INTO photo_album_items (album_id, local_datetime, photo_id) VALUES (?, ?, ?)')
  const insertFace = db.prepare(
    `INSERT INTO photo_faces (id, photo_id, owner_id, person_id, local_datetime, x, y, w, h, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )

  const count = { photos: 0, faces: 0, people: 0, albums: 0, libraries: 0 }

  const load = db.transaction(() => {
    let assigned = 0
    owners.forEach(([username, weight], ownerIndex) => {
      const ownerId = users.get(username) as number
      const share =
        ownerIndex === owners.length - 1 ? total - assigned : Math.round((total * weight) / Math.max(1, weightSum))
      assigned += share
      const libraries = (LIBRARIES_BY_USER[username] ?? [[`${capitalise(username)}'s Photos`, null, 100]]).map(
        ([name, description, libraryWeight]) => {
          count.libraries += 1
          const created = PHOTOS_END - SIX_YEARS_MS - random.int(30, 400) * DAY_MS
          insertLibrary.run(count.libraries, ownerId, name, description, iso(created), iso(created + 3 * DAY_MS))
          const albumCount = Math.min(25, Math.max(4, Math.round((share * libraryWeight) / 100 / 800)))
          const albums: number[] = []
          const names = [...ALBUM_NAMES]
          for (let a = 0; a < albumCount && names.length > 0; a++) {
            const [name] = names.splice(random.int(0, names.length - 1), 1)
            count.albums += 1
            const albumCreated = created + random.int(1, 2000) * DAY_MS
            insertAlbum.run(
              count.albums,
              count.libraries,
              ownerId,
              name as string,
              random.chance(0.3) ? random.pick(DESCRIPTIONS) : null,
              iso(Math.min(albumCreated, PHOTOS_END)),
              iso(Math.min(albumCreated + DAY_MS, PHOTOS_END)),
            )
            albums.push(count.albums)
          }
          return { id: count.libraries, weight: libraryWeight, albums }
        },
      )
      const mainLibrary = libraries[0]
      if (!mainLibrary) return

      // People: always 40 or more, growing slowly with the library.
      const peopleCount = Math.max(42, Math.min(400, Math.round(share / 1500)))
      const people: Person[] = []
      const usedNames = new Set<string>()
      for (let p = 0; p < peopleCount; p++) {
        count.people += 1
        const named = p < 6 || random.chance(0.8)
        let name: string | null = null
        if (named) {
          do {
            name = `${random.pick(FIRST_NAMES)}${random.chance(0.6) ? ` ${random.pick(LAST_NAMES)}` : ''}`
          } while (usedNames.has(name))
          usedNames.add(name)
        }
        const birth =
          named && random.chance(0.55)
            ? `${random.int(1945, 2020)}-${pad(random.int(1, 12), 2)}-${pad(random.int(1, 28), 2)}`
            : null
        // A few hidden people in every library, so "Show hidden people" always has someone to show:
        // the 11th and every 16th after, besides the random few. (Drawn in the same order as
        // before, so every other person and photo comes out as it did.)
        const rolledHidden = p >= 6 && random.chance(0.06)
        const likesFavourite = !rolledHidden && (p < 3 || (p < 20 && random.chance(0.2)))
        const hidden = rolledHidden || p % 16 === 10 ? 1 : 0
        const favourite = !hidden && likesFavourite ? 1 : 0
        const created = PHOTOS_END - SIX_YEARS_MS + random.int(0, 365) * DAY_MS
        insertPerson.run(
          count.people,
          ownerId,
          mainLibrary.id,
          name,
          birth,
          hidden,
          favourite,
          iso(created),
          iso(created),
        )
        people.push({ id: count.people, popularity: p })
      }
      const popularity = popularityTable(people.length)
      let uncovered = 0

      const devices: Device[] = []
      const deviceCount = random.int(2, 3)
      for (let d = 0; d < deviceCount; d++) {
        const camera = random.weighted(CAMERAS.map((c) => [c, c.weight] as const))
        devices.push({ id: `${camera.names}-${hex(random, 8).toLowerCase()}`, camera, counter: random.int(1, 4000) })
      }

      const libraryTable = libraries.map((l) => [l, l.weight] as const)
      let made = 0
      while (made < share) {
        const size = Math.min(share - made, random.int(1, 48))
        const library = random.weighted(libraryTable)
        const device = random.pick(devices)
        const place = random.chance(0.65) ? random.pick(PLACES) : null
        const album = library.albums.length > 0 && random.chance(0.22) ? random.pick(library.albums) : null
        const groupSize = random.int(1, 5)
        const group: number[] = []
        for (let tries = 0; group.length < groupSize && tries < 12; tries++) {
          const person = people[pickIndex(random, popularity)] as Person
          if (!group.includes(person.id)) group.push(person.id)
        }
        let time = PHOTOS_END - SIX_YEARS_MS + Math.floor(random.next() * (SIX_YEARS_MS - DAY_MS))
        time -= time % 1000
        for (let k = 0; k < size; k++) {
          made += 1
          count.photos += 1
          const id = count.photos
          // Frames of an event are seconds to minutes apart; a few share a second (bursts).
          if (k > 0 && !random.chance(0.06)) time += random.int(2, 600) * 1000
          const kind = random.next()
          const screenshot = kind < 0.05
          const messenger = !screenshot && kind < 0.09
          let width: number
          let height: number
          let mime = 'image/jpeg'
          let fileName: string
          device.counter += 1
          const local = iso(time)
          if (screenshot) {
            width = 1179
            height = 2556
            mime = 'image/png'
            fileName = `Screenshot ${local.slice(0, 10)} at ${local.slice(11, 19).replaceAll(':', '.')}.png`
          } else if (messenger) {
            ;[width, height] = random.chance(0.5) ? [1600, 1200] : [1200, 1600]
            fileName = `IMG-${local.slice(0, 10).replaceAll('-', '')}-WA${pad(device.counter % 10000, 4)}.jpg`
          } else {
            const size0 = device.camera.sizes[0]
            const portrait = random.chance(
              device.camera.names === 'sony' || device.camera.names === 'canon' ? 0.25 : 0.6,
            )
            ;[width, height] = portrait ? [size0[1], size0[0]] : [size0[0], size0[1]]
            fileName = fileNameFor(device, time)
          }
          const hasExif = !screenshot && !messenger
          const cam = device.camera
          const focal = hasExif
            ? Math.round((cam.focal[0] + random.next() * (cam.focal[1] - cam.focal[0])) * 100) / 100
            : null
          const gps = hasExif && place !== null
          const jitter = () => (random.next() - 0.5) * 0.04
          const uploaded = time + random.int(60, 5 * 86400) * 1000
          const rating = hasExif && random.chance(0.12) ? random.int(1, 5) : null

          // Everyone gets a photo: until each person has been seen, every photo that can show a
          // face shows the next one first.
          const cover = !screenshot && uncovered < people.length ? (people[uncovered++] as Person).id : null
          let faceCount = screenshot || random.chance(0.42) ? 0 : Math.min(group.length, random.int(1, 4))
          if (cover !== null) faceCount = Math.max(1, faceCount)
          insertPhoto.run(
            id,
            library.id,
            ownerId,
            local,
            device.id,
            `${hex(random, 8)}-${pad(device.counter, 6)}`,
            mime,
            fileName,
            width,
            height,
            local,
            iso(time + random.int(0, 30) * 1000),
            checksum(random),
            iso(Math.min(uploaded, PHOTOS_END)),
            iso(Math.min(uploaded, PHOTOS_END)),
            hasExif ? 1 : 0,
            hasExif ? cam.make : null,
            hasExif ? cam.model : null,
            hasExif ? random.pick(cam.lenses) : null,
            hasExif ? 1 : null,
            hasExif ? random.pick(cam.fNumbers) : null,
            focal,
            hasExif ? random.pick(ISOS) : null,
            hasExif ? random.pick(EXPOSURES) : null,
            hasExif ? random.pick(BIASES) : null,
            gps ? Math.round((place[3] + jitter()) * 1e6) / 1e6 : null,
            gps ? Math.round((place[4] + jitter()) * 1e6) / 1e6 : null,
            gps ? Math.round(place[5] + (random.next() - 0.5) * 20) : null,
            gps ? place[0] : null,
            gps ? place[1] : null,
            gps ? place[2] : null,
            rating,
            hasExif && random.chance(0.03) ? random.pick(DESCRIPTIONS) : null,
            faceCount,
          )
          if (album !== null) insertItem.run(album, local, id)
          if (faceCount > 0) {
            // The group in a random order, so the most popular person is not always on the left.
            const order = [...group]
            for (let i = order.length - 1; i > 0; i--) {
              const j = random.int(0, i)
              ;[order[i], order[j]] = [order[j] as number, order[i] as number]
            }
            if (cover !== null) {
              const at = order.indexOf(cover)
              if (at >= 0) order.splice(at, 1)
              order.unshift(cover)
            }
            const boxes = placeFaces(random, width, height, faceCount)
            boxes.forEach((box, i) => {
              count.faces += 1
              // Some faces are detected but not yet recognised as anyone.
              const personId = (i > 0 || cover === null) && random.chance(0.1) ? null : (order[i] as number)
              const detected = iso(Math.min(uploaded + 3600_000, PHOTOS_END))
              insertFace.run(count.faces, id, ownerId, personId, local, box.x, box.y, box.w, box.h, detected, detected)
            })
          }
        }
      }
    })
  })
  load()
  const loaded = performance.now()
  createPhotoIndexes(db)
  db.exec(PHOTO_DERIVED_SQL)
  // Statistics for the photo tables only: the rest of the catalog has its own.
  for (const table of PHOTO_TABLE_NAMES) db.exec(`ANALYZE ${table}`)
  return { ...count, insertMs: loaded - started, indexMs: performance.now() - loaded }
}
