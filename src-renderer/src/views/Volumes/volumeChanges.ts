import type { CapacityChange, CapacitySeries } from '@shared/domain'
import { formatBytes } from '@shared/format'

// The volume's capacity series as a list of changes, newest first: each point of the series is one
// instant; the point before it holds the figures before. Pure, so the component only lays it out.

export interface ChangeLine {
  text: string
  /** The full path of a file (its name is what `text` shows), for a tooltip and a link. */
  path: string | null
}

export interface ChangeRow {
  t: number
  lines: ChangeLine[]
  usedBefore: number | null // null: nothing before (the volume was created then)
  usedAfter: number
  freeBefore: number | null
  freeAfter: number
  deltaUsed: number
}

const fileName = (path: string) => path.slice(path.lastIndexOf('\\') + 1)
const signed = (bytes: number) => `${bytes < 0 ? '−' : '+'}${formatBytes(Math.abs(bytes))}`

export function describeChange(c: CapacityChange): ChangeLine {
  if (c.vhdx) return { text: describeVhdx(c, c.vhdx), path: c.path }
  switch (c.kind) {
    case 'volume-created':
      return { text: `Volume ${c.path} created (${formatBytes(c.deltaBytes)})`, path: null }
    case 'volume-resized':
      return { text: `Volume ${c.path} extended by ${formatBytes(c.deltaBytes)}`, path: null }
    case 'file-created':
      return { text: `${fileName(c.path)} created (${signed(c.deltaBytes)})`, path: c.path }
    case 'file-deleted':
      return { text: `${fileName(c.path)} deleted (${signed(c.deltaBytes)})`, path: c.path }
    case 'file-changed':
      return {
        text:
          c.deltaBytes === 0
            ? `${fileName(c.path)} changed (size on disk unchanged)`
            : `${fileName(c.path)} ${c.deltaBytes > 0 ? 'grew' : 'shrank'} by ${formatBytes(Math.abs(c.deltaBytes))}`,
        path: c.path,
      }
  }
}

/**
 * A VHDX's change with its virtual size beside its bytes on disk: the storage lesson. A dynamic 100 GiB
 * disk reads "100 GiB virtual, +4 MiB on disk"; a fixed one takes all 100 GiB at once.
 */
function describeVhdx(c: CapacityChange, vhdx: NonNullable<CapacityChange['vhdx']>): string {
  const name = fileName(c.path)
  const onDisk = `${signed(c.deltaBytes)} on disk`
  const what = `${vhdx.type.toLowerCase()} VHDX, ${formatBytes(vhdx.virtualBytes)} virtual`
  if (c.kind === 'file-created') return `${name} created: ${what}, ${onDisk}`
  if (c.kind === 'file-deleted') return `${name} deleted: ${what}, ${onDisk}`
  if (vhdx.virtualDeltaBytes !== 0)
    return `${name} ${vhdx.virtualDeltaBytes > 0 ? 'expanded' : 'shrunk'} to ${formatBytes(vhdx.virtualBytes)} virtual (${
      c.deltaBytes === 0 ? 'size on disk unchanged' : onDisk
    })`
  if (c.deltaBytes === 0) return `${name} changed (size on disk unchanged)`
  return `${name} ${c.deltaBytes > 0 ? 'grew' : 'shrank'} by ${formatBytes(Math.abs(c.deltaBytes))} on disk (${formatBytes(vhdx.virtualBytes)} virtual)`
}

/**
 * "51 GiB → 51.004 GiB": before and after with a third decimal when two do not tell them apart (a
 * 4 MiB VHDX on a 51 GiB used space). Smaller changes (a 6 KiB kubeconfig) keep two: "27.00001 GiB"
 * reads as noise, and the row's delta says what changed. Only the volume created has no before.
 */
export function formatSpan(before: number | null, after: number): string {
  if (before === null) return formatBytes(after)
  const apart = (decimals: number) => formatBytes(before, decimals) !== formatBytes(after, decimals)
  const decimals = !apart(2) && apart(3) ? 3 : 2
  return `${formatBytes(before, decimals)} → ${formatBytes(after, decimals)}`
}

const free = (p: { sizeBytes: number; usedBytes: number }) => Math.max(0, p.sizeBytes - p.usedBytes)

/** Every point of the series as a row, newest first. */
export function changeRows(series: CapacitySeries | undefined): ChangeRow[] {
  const points = series?.points ?? []
  return points
    .map((p, i): ChangeRow => {
      const before = points[i - 1]
      const lines = (p.changes ?? []).map(describeChange)
      if (p.moreChanges) lines.push({ text: `and ${p.moreChanges} more changes`, path: null })
      // Points recorded by older builds carry no list: the figures still tell what happened.
      if (!lines.length) lines.push({ text: 'Capacity changed', path: null })
      return {
        t: p.t,
        lines,
        usedBefore: before ? before.usedBytes : null,
        usedAfter: p.usedBytes,
        freeBefore: before ? free(before) : null,
        freeAfter: free(p),
        deltaUsed: p.usedBytes - (before?.usedBytes ?? 0),
      }
    })
    .reverse()
}
