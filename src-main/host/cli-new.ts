import { basename, extname, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { hardwareSpecSchema, mediaSchema, type DriveGroup, type NewLabInput } from '@shared/commands'
import type { MediaType } from '@shared/domain'
import { formatBytes, formatDecimalBytes, parseSize } from '@shared/format'
import { hardwareProblems } from '@shared/hardware'
import { cacheMedia } from '@shared/s2d'
import { DEFAULT_HARDWARE } from '../engine/hci/build'
import { LabStore } from '../persistence'
import { UsageError } from './cli-usage'

// `hci-lab new FILE [--servers N] [--cores N] [--memory SIZE] [--drives COUNTxSIZE[:MEDIA]]… [--seed N]`

export function parseNewArgs(args: string[]): { file: string; input: NewLabInput } {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      servers: { type: 'string' },
      cores: { type: 'string' },
      memory: { type: 'string' },
      drives: { type: 'string', multiple: true },
      seed: { type: 'string' },
    },
  })
  if (positionals.length !== 1) throw new UsageError('hci-lab new takes one FILE.')
  const file = resolve(positionals[0]!)
  const hardware = {
    servers: values.servers === undefined ? DEFAULT_HARDWARE.servers : integer('--servers', values.servers),
    cores: values.cores === undefined ? DEFAULT_HARDWARE.cores : integer('--cores', values.cores),
    memoryBytes: values.memory === undefined ? DEFAULT_HARDWARE.memoryBytes : size('--memory', values.memory),
    drives: values.drives ? values.drives.map(driveGroup) : DEFAULT_HARDWARE.drives,
  }
  const spec = hardwareSpecSchema.safeParse(hardware)
  if (!spec.success) {
    const issue = spec.error.issues[0]
    throw new UsageError(`Invalid hardware at '${issue?.path.join('.')}': ${issue?.message}.`)
  }
  const problems = hardwareProblems(spec.data)
  if (problems.length > 0) throw new UsageError(problems.join(' '))
  const seed = values.seed === undefined ? 0 : integer('--seed', values.seed)
  if (seed > 2 ** 32 - 1) throw new UsageError('--seed must be 0 to 4294967295.')
  return { file, input: { name: labNameOf(file), seed, hardware: spec.data } }
}

/** The seed's lab, as `hci-lab new FILE` makes it with no options: named after the file. */
export function seedLabInput(file: string): NewLabInput {
  return { name: labNameOf(file), seed: 0, hardware: DEFAULT_HARDWARE }
}

/** Creates the lab (never over an existing file) and returns the summary to print. */
export function createLab(file: string, input: NewLabInput): string {
  const { store, lab } = LabStore.create(file, input)
  store.close()
  const hw = input.hardware
  const cache = cacheMedia(hw.drives.map((g) => g.media))
  const drives = hw.drives
    .map((g) => {
      const role = hw.drives.length > 1 ? ` (${g.media === cache ? 'cache' : 'capacity'})` : ''
      return `${g.count} x ${formatDecimalBytes(g.sizeBytes)} ${g.media}${role}`
    })
    .join(', ')
  const volumes = Object.values(lab.state.volumes).map((v) => v.name)
  return [
    `Created lab "${input.name}" in ${file}`,
    `  Cluster:  ${lab.state.cluster.name}.${lab.state.cluster.domain}, seed ${input.seed}`,
    `  Servers:  ${hw.servers} x (${hw.cores} cores, ${formatBytes(hw.memoryBytes)} memory)`,
    `  Drives:   ${drives} per server`,
    `  Volumes:  ${volumes.length ? volumes.join(', ') : 'none'}`,
  ].join('\n')
}

function labNameOf(file: string): string {
  const name = basename(file, extname(file)).trim()
  return (name || 'Lab').slice(0, 64)
}

function integer(option: string, text: string): number {
  if (!/^\d+$/.test(text)) throw new UsageError(`${option} needs a whole number, not '${text}'.`)
  return Number(text)
}

function size(option: string, text: string): number {
  const bytes = parseSize(text)
  if (bytes === null || bytes <= 0)
    throw new UsageError(`${option} needs a size like 64GiB or 1.92TB, not '${text}'.`)
  return bytes
}

const MEDIA_BY_NAME = new Map(mediaSchema.options.map((m) => [m.toLowerCase(), m]))

/** "4x1.92TB:SSD" → 4 drives of 1.92 TB SSD; the media defaults to SSD. */
export function driveGroup(text: string): DriveGroup {
  const m = /^(\d+)\s*[x×]\s*([^:]+?)(?::(\w+))?$/i.exec(text.trim())
  if (!m) throw new UsageError(`--drives needs COUNTxSIZE[:MEDIA], like 4x1.92TB:SSD, not '${text}'.`)
  const media: MediaType | undefined = m[3] === undefined ? 'SSD' : MEDIA_BY_NAME.get(m[3].toLowerCase())
  if (!media) throw new UsageError(`Unknown drive media '${m[3]}': use NVMe, SSD or HDD.`)
  return { count: integer('--drives count', m[1]!), sizeBytes: size('--drives size', m[2]!), media }
}
