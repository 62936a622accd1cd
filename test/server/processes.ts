import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'

// Real server processes for the data-folder and shutdown tests, killed by pid when a test ends.

export interface ServerProcess {
  child: ChildProcess
  /** Everything written to stdout and stderr so far. */
  output(): { stdout: string; stderr: string }
  /** Resolves with the first match of `pattern` in stdout, or rejects if the process exits first. */
  waitFor(pattern: RegExp): Promise<RegExpExecArray>
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

const started = new Set<ChildProcess>()

export function spawnScript(args: string[], env: Record<string, string> = {}): ServerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  started.add(child)
  let stdout = ''
  let stderr = ''
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exited = once(child, 'exit').then(([code, signal]) => {
    started.delete(child)
    return { code: code as number | null, signal: signal as NodeJS.Signals | null }
  })
  return {
    child,
    output: () => ({ stdout, stderr }),
    exited,
    waitFor(pattern) {
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          const match = pattern.exec(stdout)
          if (match) resolve(match)
          return match !== null
        }
        if (check()) return
        const onData = (): void => {
          if (check()) child.stdout?.off('data', onData)
        }
        child.stdout?.on('data', onData)
        void exited.then(({ code }) => {
          if (!check()) reject(new Error(`process exited (${code}) before ${pattern}: ${stdout}${stderr}`))
        })
      })
    },
  }
}

export function spawnServer(dataDir: string, env: Record<string, string> = {}): ServerProcess {
  return spawnScript(['test/server/serve-folder.ts', dataDir], env)
}

/** Kills, by pid, whatever a test started and left running. */
export function killStarted(): void {
  for (const child of started)
    if (child.pid !== undefined && child.exitCode === null) process.kill(child.pid, 'SIGKILL')
  started.clear()
}
