import { describe, expect, it } from 'vitest'
import { viewsFor } from '../../src/app/source-views'
import { loadAdapter } from '../../src/dialects/sources'
import { BUNDLED_SOURCES } from '../../src/sources/browser-store'

describe('the views a source offers', () => {
  it('follow what each dialect’s adapter has: Assets for all, Projects with a projects API, People with people', async () => {
    const offered = await Promise.all(
      BUNDLED_SOURCES.map(async (source) => [
        source.dialect,
        viewsFor(await loadAdapter(source)).map((view) => [view.label, view.to]),
      ]),
    )
    expect(Object.fromEntries(offered)).toEqual({
      piktid: [
        ['Assets', '/$source/assets'],
        ['Projects', '/$source/projects'],
      ],
      scenario: [['Assets', '/$source/assets']],
      vipanya: [['Assets', '/$source/assets']],
      gumnut: [
        ['Assets', '/$source/assets'],
        ['People', '/$source/people'],
      ],
    })
  })
})
