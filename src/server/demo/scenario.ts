import type Database from 'better-sqlite3'
import { SCENARIO_INDEXES_DDL, SCENARIO_PRIVACY_CODES, SCENARIO_TABLES_DDL } from '../db/schema-scenario'
import { HOSTILE_TITLES } from './hostile'
import { writeSession } from './scenario-sessions'
import { AUTHOR_WEIGHTS, IMAGE_SIZES, MODEL_NAMES, SCENARIO_TAGS, SESSION_KINDS } from './scenario-vocabulary'
import { createScenarioWriter } from './scenario-writer'
import { libraryFrame, DAY_MS, type FillLibraryOptions } from './library-frame'
import { userIdsByName, weightedUserIds } from './users'

// Scenario-style generations for the demo catalog: sessions of one author with one model, each
// an inference with 1–4 outputs, some of them edited afterwards (upscaled, background removed,
// vectorized …) into parent → child chains; uploads that seed img2img and video; textures,
// skyboxes, 3D, audio. Deterministic in (seed, count); runs on a new or an existing catalog.

/** Scenario generations for a catalog of `assets` PiktID assets: a quarter, at least 150. */
export function scenarioCountFor(assets: number): number {
  return assets <= 0 ? 0 : Math.max(150, Math.round(assets / 4))
}

export interface FillScenarioResult {
  assets: number
  tags: number
  models: number
  /** False when the catalog already held Scenario assets and nothing was written. */
  filled: boolean
}

/** Fills the Scenario tables of `db` unless they already hold assets. */
export function fillScenario(db: Database.Database, options: FillLibraryOptions): FillScenarioResult {
  db.exec(SCENARIO_TABLES_DDL)
  const existing = (db.prepare('SELECT count(*) AS n FROM scenario_assets').get() as { n: number }).n
  if (existing > 0) {
    const tags = (db.prepare('SELECT count(*) AS n FROM scenario_tags').get() as { n: number }).n
    const models = (db.prepare('SELECT count(*) AS n FROM scenario_models').get() as { n: number }).n
    db.exec(SCENARIO_INDEXES_DDL)
    return { assets: existing, tags, models, filled: false }
  }

  const users = userIdsByName(db)
  const authors = weightedUserIds(users, AUTHOR_WEIGHTS)
  const platformId = users.get('platform')
  const { count, r, start, latest, randomTime } = libraryFrame('scenario', options)

  const insertModel = db.prepare(
    'INSERT INTO scenario_models (id, public_id, name, author_id, created_at) VALUES (?, ?, ?, ?, ?)',
  )
  const insertTag = db.prepare('INSERT INTO scenario_tags (id, name) VALUES (?, ?)')

  const models = MODEL_NAMES.map(([name, authorIndex], i) => {
    const authorName = ['platform', 'alice', 'bob', 'carol'][authorIndex - 1] ?? 'platform'
    return { id: i + 1, name, authorId: users.get(authorName) ?? platformId ?? 1 }
  })
  const modelsFor = (authorId: number) =>
    models.filter((m) => m.authorId === authorId || (platformId !== undefined && m.authorId === platformId))

  const writer = createScenarioWriter(db, { ids: options.ids, r, count, start, latest })

  const load = db.transaction(() => {
    models.forEach((m) => {
      insertModel.run(
        m.id,
        options.ids.scenarioModel(m.id),
        m.name,
        m.authorId,
        new Date(start - r.int(10, 200) * DAY_MS).toISOString(),
      )
    })
    SCENARIO_TAGS.forEach((name, i) => insertTag.run(i + 1, name))

    // A few public uploads named to break naive rendering, recent so they show on page one.
    const alice = users.get('alice') ?? authors[0]?.[0] ?? 1
    HOSTILE_TITLES.forEach((title, i) => {
      writer.add({
        author: alice,
        type: 'uploaded',
        privacy: SCENARIO_PRIVACY_CODES.public,
        time: latest - (i + 1) * 3_600_000,
        name: title,
        width: 1024,
        height: 1024,
        tags: [1 + i],
      })
    })

    while (writer.written() < count) {
      const author = r.weighted(authors)
      const kind = r.weighted(SESSION_KINDS)
      const tags = writer.sessionTags()
      const time = randomTime()
      const privacy =
        author === platformId
          ? SCENARIO_PRIVACY_CODES.public
          : r.weighted([
              [SCENARIO_PRIVACY_CODES.private, 55],
              [SCENARIO_PRIVACY_CODES.unlisted, 15],
              [SCENARIO_PRIVACY_CODES.public, 30],
            ] as const)
      const own = modelsFor(author)
      const model = own.length > 0 ? r.pick(own) : undefined
      const [width, height] = r.pick<readonly [number, number]>(IMAGE_SIZES)
      writeSession(writer, r, { author, kind, tags, time, privacy, model, width, height })
    }
  })
  load()
  db.exec(SCENARIO_INDEXES_DDL)
  return { assets: writer.written(), tags: SCENARIO_TAGS.length, models: models.length, filled: true }
}
