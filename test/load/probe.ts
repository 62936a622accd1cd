// A latency probe in its own process (test/load/run.ts starts it), so the load generator's busy
// event loop never adds to what it measures. Reads {base, paths, headers, seconds, connections}
// as JSON from argv[2], requests paths at random one at a time per connection, prints one JSON
// line of percentiles.
export {}
const { base, paths, headers, seconds, connections } = JSON.parse(process.argv[2] ?? '{}') as {
  base: string
  paths: string[]
  headers: Record<string, string>
  seconds: number
  connections: number
}

const times: number[] = []
let failures = 0
const until = performance.now() + seconds * 1000
await Promise.all(
  Array.from({ length: connections }, async () => {
    while (performance.now() < until) {
      const path = paths[Math.floor(Math.random() * paths.length)]
      const started = performance.now()
      try {
        const res = await fetch(base + path, { headers })
        await res.arrayBuffer()
        if (!res.ok) failures += 1
      } catch {
        failures += 1
      }
      times.push(performance.now() - started)
    }
  }),
)
times.sort((a, b) => a - b)
const at = (p: number) => times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)] ?? Number.NaN
process.stdout.write(`${JSON.stringify({ requests: times.length, failures, p50: at(50), p99: at(99) })}\n`)
