import js from '@eslint/js'
import { createNodeResolver, importX } from 'eslint-plugin-import-x'
import jsxA11y from 'eslint-plugin-jsx-a11y'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

const features = ['assets', 'projects', 'people', 'sources']
const noServer = { group: ['**/server/**', '**/server'], message: 'The client never imports src/server.' }

// Server layers, lowest first: a module imports from its own layer or a lower one, never from a
// higher one nor from the entry points (app, server, worker, main, dev, seed-cli, config,
// measure/). Each layer is a list of folders and top-level files of src/server.
const serverLayers = [
  { name: 'helpers', folders: ['ids'], files: ['random', 'lru'] },
  { name: 'db', folders: ['db'], files: [] },
  { name: 'core, media and http', folders: ['core', 'media', 'http'], files: [] },
  { name: 'demo', folders: ['demo'], files: [] },
  { name: 'request handlers', folders: ['dialects', 'archive', 'proxy'], files: ['sources-config'] },
]
const serverEntries = ['app', 'server', 'worker', 'main', 'dev', 'seed-cli', 'config', 'measure']
/** Matches a relative import of any of these folders or top-level files, from any depth. */
const relativeTo = (names) => `^(\\.{1,2}/)+(${names.join('|')})(/|$)`
// The demo generator is seeding code: only the startup's first build (server.ts), the seed
// command and the migrations that add demo rows to an older catalog import it.
const demoOnlyForSeeding = {
  regex: relativeTo(['demo']),
  message: 'Only seeding code (server.ts, seed-cli.ts, db/migrations.ts) imports the demo generator.',
}
const serverLayerRules = serverLayers.map((layer, index) => {
  const higher = serverLayers.slice(index + 1).filter((l) => l.name !== 'demo')
  const layered = {
    regex: relativeTo([...higher.flatMap((l) => [...l.folders, ...l.files]), ...serverEntries]),
    message: `Server layers: ${layer.name} never imports ${[...higher.map((l) => l.name), 'an entry point'].join(', ')}.`,
  }
  return {
    files: [
      ...layer.folders.map((folder) => `src/server/${folder}/**/*.ts`),
      ...layer.files.map((file) => `src/server/${file}.ts`),
    ],
    ignores: ['src/server/db/migrations.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: layer.name === 'demo' ? [layered] : [layered, demoOnlyForSeeding] },
      ],
    },
  }
})

export default tseslint.config(
  { ignores: ['dist', 'data', 'node_modules', 'src/routeTree.gen.ts', 'bench-report.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.tsx', 'test/components/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.flatConfigs.recommended.rules,
    },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  // The client never reaches into the server.
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/server/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [noServer] }],
    },
  },
  // No import cycles in src/ (type-only imports do not count: they are gone at run time).
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.json'] })],
    },
    rules: { 'import-x/no-cycle': 'error' },
  },
  ...serverLayerRules,
  // Entry points that serve (not seed) never import the demo generator either.
  {
    files: ['src/server/{app,worker,main,dev,config}.ts', 'src/server/measure/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [demoOnlyForSeeding] }] },
  },
  // Migrations sit with db but may seed: a step that adds tables fills them with demo rows.
  {
    files: ['src/server/db/migrations.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: relativeTo([
                'core',
                'media',
                'http',
                'dialects',
                'archive',
                'proxy',
                'sources-config',
                ...serverEntries,
              ]),
              message: 'Migrations import db, the id codec and the demo generator, nothing above them.',
            },
          ],
        },
      ],
    },
  },
  // A feature never imports another feature: shared pieces live in grid/, filters/, ui/, shared/,
  // sources/. Relative paths are matched for each folder depth, since `../../sources` is another
  // feature from `features/x/components/` but the shared `src/sources` from `features/x/`.
  ...features.flatMap((feature) =>
    [0, 1, 2].map((depth) => {
      const up = '../'.repeat(depth + 1)
      return {
        files: [`src/features/${feature}/${'*/'.repeat(depth)}*.{ts,tsx}`],
        rules: {
          'no-restricted-imports': [
            'error',
            {
              patterns: [
                noServer,
                ...features
                  .filter((other) => other !== feature)
                  .map((other) => ({
                    group: [`**/features/${other}/**`, `${up}${other}/**`, `${up}${other}`],
                    message: `Features never import each other (${feature} → ${other}).`,
                  })),
              ],
            },
          ],
        },
      }
    }),
  ),
  // The source store sits under the views: features, the shell and the routes read it, never the reverse.
  {
    files: ['src/sources/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noServer,
            {
              group: ['**/features/**', '**/app/**', '**/routes/**', '**/router', '**/main'],
              message: 'src/sources is read by features, the shell and the routes; it never imports them.',
            },
          ],
        },
      ],
    },
  },
)
