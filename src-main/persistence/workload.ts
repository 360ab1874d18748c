import { commandSchema, type Command, type NewLabInput } from '@shared/commands'
import { DEFAULT_HARDWARE } from '../engine/hci/build'
import type { Lab } from '../engine/lab'
import type { LabStore } from './store'

// A seeded stream of volume and clock commands, shared by the tests, the crash test's child process
// and the benchmark, plus the host's apply-then-append step they all perform.

const GiB = 1024 ** 3

/** The lab the workloads run on. */
export const labInput = (seed = 1): NewLabInput => ({ name: 'Test lab', seed, hardware: DEFAULT_HARDWARE })

/** Endless, deterministic for a seed. Some commands fail in the engine (no room, too many volumes). */
export function* workload(seed: number): Generator<Command> {
  const random = mulberry32(seed)
  const int = (n: number) => Math.floor(random() * n)
  const sizes = new Map<string, number>()
  let created = 0
  for (;;) {
    const names = [...sizes.keys()]
    const r = random()
    if (r < 0.35 || names.length === 0) {
      const name = `V${++created}`
      const sizeBytes = (1 + int(20)) * GiB
      sizes.set(name, sizeBytes)
      const provisioning = random() < 0.5 ? 'Fixed' : 'Thin'
      yield parse({ type: 'volume.create', name, resiliency: 'two-way-mirror', sizeBytes, provisioning })
    } else if (r < 0.55) {
      const name = names[int(names.length)]!
      const sizeBytes = sizes.get(name)! + (1 + int(10)) * GiB
      sizes.set(name, sizeBytes)
      yield parse({ type: 'volume.resize', name, sizeBytes })
    } else if (r < 0.8) {
      const name = names[int(names.length)]!
      sizes.delete(name)
      yield parse({ type: 'volume.delete', name })
    } else {
      yield parse({ type: 'clock.advance', ms: 1 + int(3_600_000) })
    }
  }
}

/**
 * What the host does with a command: apply it, and if the engine accepts it, append it. Returns
 * whether it was applied; only then is it in the log (and may be acknowledged).
 */
export function applyAndAppend(lab: Lab, store: LabStore, command: Command): boolean {
  const at = lab.now
  if (!lab.dispatch(command).ok) return false
  store.append(command, at, lab)
  return true
}

function parse(input: unknown): Command {
  return commandSchema.parse(input)
}

/** A small seeded generator (mulberry32): test workloads must repeat exactly. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32
  }
}
