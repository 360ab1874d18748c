import { SPEEDS, type ClockState, type Speed } from '@shared/domain'
import { NativeError } from '../errors'
import type { NativeDef, Registry } from '../registry'

// `sim`: the lab's own command for the virtual clock. A native command: it reads its words itself.

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }
/**
 * One advance's reach. Every virtual minute of a lab with pods costs work (the demo app's writes),
 * so a month is about as far as one command goes in a few seconds; further means several advances.
 */
const MAX_ADVANCE_MS = 30 * 86_400_000

const USAGE = [
  'Usage: sim <command>',
  '',
  '  sim time                 show the virtual time and the clock speed',
  '  sim advance <duration>   move the clock forward: 90s, 30m, 2h, 1d (s, m, h, d; ms too)',
  '  sim speed <speed>        set the clock speed: pause, 1, 10, 60, 600 or max',
]

function two(n: number): string {
  return String(n).padStart(2, '0')
}

export function formatClock(clock: ClockState): string {
  const d = new Date(clock.now)
  const date = `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`
  const time = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`
  return `Virtual time: ${date} ${time} UTC (${speedText(clock.speed)})`
}

function speedText(speed: Speed): string {
  return speed === 'pause' ? 'paused' : speed === 'max' ? 'speed: max' : `speed: ${speed}x`
}

export function parseDuration(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/i.exec(text.trim())
  if (!m) return null
  const ms = Math.round(Number(m[1]) * UNITS[m[2]!.toLowerCase()]!)
  return ms >= 1 && ms <= MAX_ADVANCE_MS ? ms : null
}

const sim: NativeDef = {
  name: 'sim',
  synopsis: 'HCI Lab: shows and moves the virtual clock (time, advance, speed).',
  run(ctx, args) {
    const [sub, value, ...extra] = args
    const command = sub?.toLowerCase()
    if (command === undefined || command === 'help' || command === '-h' || command === '--help')
      return [USAGE.join('\n')]
    if (command === 'time' && value === undefined) return [formatClock(ctx.state().clock)]
    if (command === 'advance' && value !== undefined && extra.length === 0) {
      const ms = parseDuration(value)
      if (ms === null)
        throw new NativeError([
          `sim advance: '${value}' is not a duration. Write a number and a unit: 90s, 30m, 2h, 1d (at most 30d at a time).`,
        ])
      ctx.dispatch({ type: 'clock.advance', ms })
      return [formatClock(ctx.state().clock)]
    }
    if (command === 'speed' && value === undefined) return [formatClock(ctx.state().clock)]
    if (command === 'speed' && extra.length === 0) {
      const wanted = value!.toLowerCase()
      // "10x" means 10; "max" keeps its x.
      const speed = SPEEDS.find((s) => s === wanted || `${s}x` === wanted)
      if (!speed)
        throw new NativeError([`sim speed: '${value}' is not a speed. Use one of: ${SPEEDS.join(', ')}.`])
      ctx.dispatch({ type: 'clock.speed', speed })
      return [formatClock(ctx.state().clock)]
    }
    throw new NativeError([`sim: unknown command '${args.join(' ')}'.`, ...USAGE])
  },
  complete(before) {
    if (before.length === 0) return ['advance', 'help', 'speed', 'time']
    if (before.length === 1 && before[0]!.toLowerCase() === 'speed') return [...SPEEDS]
    if (before.length === 1 && before[0]!.toLowerCase() === 'advance') return ['90s', '30m', '2h', '1d']
    return []
  },
}

export function registerSim(registry: Registry): void {
  registry.addNative(sim)
}
