import js from '@eslint/js'
import jsxA11y from 'eslint-plugin-jsx-a11y'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

const features = ['assets', 'projects', 'people', 'sources']
const noServer = { group: ['**/server/**', '**/server'], message: 'The client never imports src/server.' }

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
