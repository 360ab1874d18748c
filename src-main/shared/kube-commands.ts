// What a container's command does, simply: the lab does not run programs, it knows a few shell words.
// `sleep N` runs N seconds, `echo WORDS` prints its words, `date` prints the time, `true` exits 0,
// `false` and `exit N` fail (1, N); `sh -c "a; b && c"` (or /bin/sh, bash) runs its parts in turn.
// Such a command finishes after the sum of its sleeps (1 s at least: a process still starts and
// stops) with the exit code of what stopped it. Anything else (a server, `sleep infinity`,
// `tail -f`, a loop) runs until the container is stopped, as before. Without a command the image's
// own entrypoint runs (busybox's exits at once: kube-images.ts). Pure.

export interface CommandRun {
  runsMs: number // from start to exit
  exitCode: number
  output: OutputLine[] // what `kubectl logs` shows
}

/** A printed line: text, or the time of the run (`date`), rendered when shown. */
export type OutputLine = string | { date: true }

const MIN_RUN_MS = 1_000
const SHELLS = new Set(['sh', '/bin/sh', 'bash', '/bin/bash', 'ash'])

/** `echo "a b" c` → ['echo', 'a b', 'c'] (quotes removed; no expansion). */
function words(text: string): string[] {
  const out: string[] = []
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m[1] ?? m[2] ?? m[3]!)
  return out
}

/** One simple command's effect, or null when it runs on (or the lab does not know it). */
function simple(argv: string[]): { ms: number; exit: number; line?: OutputLine } | null {
  const [program, ...args] = argv
  const name = program?.split('/').pop()
  switch (name) {
    case 'sleep': {
      const n = Number(args[0]?.replace(/s$/, ''))
      return Number.isFinite(n) && n >= 0 && args.length === 1 ? { ms: n * 1000, exit: 0 } : null
    }
    case 'echo':
      return { ms: 0, exit: 0, line: args.filter((a) => a !== '-n' && a !== '-e').join(' ') }
    case 'date':
      return { ms: 0, exit: 0, line: { date: true } }
    case 'true':
      return { ms: 0, exit: 0 }
    case 'false':
      return { ms: 0, exit: 1 }
    case 'exit': {
      const n = Number(args[0] ?? 0)
      return Number.isInteger(n) ? { ms: 0, exit: n & 255 } : null
    }
    default:
      return null
  }
}

/** A shell script's parts: `;` runs on regardless, `&&` only after success. */
function script(text: string): CommandRun | null {
  let ms = 0
  let exit = 0
  const output: OutputLine[] = []
  const parts = text.split(/(;|&&|\n)/).map((s) => s.trim())
  let skip = false
  for (let i = 0; i < parts.length; i += 2) {
    const part = parts[i]!
    const sep = parts[i - 1]
    if (sep === '&&' && exit !== 0) skip = true
    else if (sep && sep !== '&&') skip = false
    if (!part || skip) continue
    const argv = words(part)
    const r = simple(argv)
    if (!r) return null
    ms += r.ms
    exit = r.exit
    if (r.line !== undefined) output.push(r.line)
    if (argv[0] === 'exit') break
  }
  return { runsMs: Math.max(ms, MIN_RUN_MS), exitCode: exit, output }
}

/** What the container's command and args do; null when it runs until stopped (or has no command). */
export function commandRun(c: { command?: string[]; args?: string[] }): CommandRun | null {
  const argv = [...(c.command ?? []), ...(c.args ?? [])]
  if (!argv.length) return null
  if (SHELLS.has(argv[0]!) && argv[1] === '-c') return argv[2] === undefined ? null : script(argv[2])
  const r = simple(argv)
  return (
    r && {
      runsMs: Math.max(r.ms, MIN_RUN_MS),
      exitCode: r.exit,
      output: r.line === undefined ? [] : [r.line],
    }
  )
}

/** A finished run's output as `kubectl logs` prints it; `date` as busybox prints the start time. */
export function renderOutput(lines: OutputLine[], startedAt: string): string[] {
  const d = new Date(startedAt)
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()]
  const month = d.toUTCString().split(' ')[2]
  const time = d.toISOString().slice(11, 19)
  const date = `${day} ${month} ${String(d.getUTCDate()).padStart(2, ' ')} ${time} UTC ${d.getUTCFullYear()}`
  return lines.map((l) => (typeof l === 'string' ? l : date))
}
