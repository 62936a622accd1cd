import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    name: 'e2e',
    root: new URL('../..', import.meta.url).pathname,
    include: ['test/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    globalSetup: ['test/e2e/global-setup.ts'],
    // One browser and one server on a 2-core machine: files run one after another.
    fileParallelism: false,
    testTimeout: 60_000,
    // A browser test on a loaded 2-core machine can lose a race the app does not have; one more
    // try keeps such a loss from failing the run, while a real failure fails both times. `.ci/run`
    // prints every test that passed only on its retry, with its first error, so it gets fixed.
    retry: 1,
    hookTimeout: 240_000,
    // A value that settles a render or a request later gets more than the default second on a loaded machine.
    expect: { poll: { timeout: 10_000 } },
  },
})
