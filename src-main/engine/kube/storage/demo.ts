import {
  DEMO_WRITE_MS,
  FS_BLOCK_BYTES,
  VHDX_BLOCK_BYTES,
  VHDX_METADATA_BYTES,
  VOLUME_FILE_MAX_LINES,
} from '@shared/aks-cluster-assumptions'
import type { KubeObject } from '@shared/contract'
import {
  DEMO_LOG,
  demoLogLine,
  isDemoImage,
  resolvePodPath,
  VOLUME_DATA_KIND,
  volumeDataKey,
  type VolumeData,
} from '@shared/kube-storage'
import type { Pod } from 'kubernetes-types/core/v1'
import type { Tx } from '../../core/tx'
import { putFile } from '../../hci/ledger'
import { kubeGroupKeys } from '@shared/kube'
import { clusterIndexOf, kubeTime, objectsAt } from '../store'

// The demo app (the seed's demo.py) and the files inside simulated volumes. Once a minute, on the
// minute, every running demo container appends its hello line to /storage/log.txt; the lines live
// with the PV (a VolumeData record), so they outlive pods, and a dynamic VHDX's allocation follows
// the bytes written, in the class's 32 MiB blocks, through the ledger.

export const MINUTE_TICK_EVENT = 'kube.storage.minute'

/** Schedules the cluster's next on-the-minute tick unless one is queued. */
export function scheduleMinuteTick(tx: Tx, clusterId: string): void {
  if (tx.queued(MINUTE_TICK_EVENT, clusterId) === 0)
    tx.schedule((Math.floor(tx.now / DEMO_WRITE_MS) + 1) * DEMO_WRITE_MS, MINUTE_TICK_EVENT, { clusterId })
}

/** Appends lines to a file inside a PV; grows a dynamic VHDX when the data needs another block. */
export function appendToVolume(
  tx: Tx,
  clusterId: string,
  pvName: string,
  inner: string,
  lines: string[],
): void {
  const key = volumeDataKey(clusterId, pvName)
  const old = tx.get('kube', key) as VolumeData | undefined
  const data: VolumeData = old ?? {
    apiVersion: 'hcilab.local/v1',
    kind: VOLUME_DATA_KIND,
    metadata: {
      name: pvName,
      uid: `data-${pvName}`,
      resourceVersion: '0',
      creationTimestamp: kubeTime(tx.now),
    },
    files: {},
  }
  const file = data.files[inner] ?? { lines: [], bytes: 0 }
  const next = {
    lines: [...file.lines, ...lines].slice(-VOLUME_FILE_MAX_LINES),
    bytes: file.bytes + lines.reduce((n, l) => n + l.length + 1, 0),
  }
  const files = { ...data.files, [inner]: next }
  // Not an API object: written directly so it takes no resourceVersion and kubectl never lists it.
  tx.put('kube', key, { ...data, files } as VolumeData as KubeObject)
  growVhdx(tx, clusterId, pvName, files)
}

function growVhdx(tx: Tx, clusterId: string, pvName: string, files: VolumeData['files']): void {
  const vhdx = tx.get('files', `vhdx-${clusterId}-${pvName}`)
  if (!vhdx || vhdx.allocatedBytes >= vhdx.sizeBytes) return // fixed, or full
  const used = Object.values(files).reduce(
    (n, f) => n + Math.ceil(f.bytes / FS_BLOCK_BYTES) * FS_BLOCK_BYTES,
    0,
  )
  const want = Math.min(
    vhdx.sizeBytes,
    VHDX_METADATA_BYTES + Math.ceil(used / VHDX_BLOCK_BYTES) * VHDX_BLOCK_BYTES,
  )
  if (want <= vhdx.allocatedBytes) return
  try {
    putFile(tx, { ...vhdx, allocatedBytes: want })
  } catch {
    // The host volume is full: the guest's write still lands in the VHDX's existing blocks (the lab
    // keeps no paused-VM state for a full CSV).
  }
}

const isDemo = (pod: Pod) => pod.spec?.containers.some((c) => isDemoImage(c.image)) ?? false

/** The tick: every running demo container writes, in start order, then the next tick is queued. */
export function minuteTick(tx: Tx, data: { clusterId: string }): boolean {
  const { clusterId } = data
  if (!tx.get('aksClusters', clusterId)) return false
  const writes = new Map<string, { started: number; pod: string; line: string; inner: string }[]>()
  // Only pods with a claim can write to a volume.
  const withClaims = new Set([...clusterIndexOf(tx, clusterId).claimUsers.values()].flatMap((s) => [...s]))
  for (const p of objectsAt<Pod & KubeObject>(tx, withClaims)) {
    if (p.status?.phase !== 'Running' || !isDemo(p)) continue
    const where = resolvePodPath(tx.state, clusterId, p, DEMO_LOG)
    if (!where) continue
    p.spec!.containers.forEach((c, i) => {
      const status =
        p.status?.containerStatuses?.find((s) => s.name === c.name) ?? p.status?.containerStatuses?.[i]
      const startedAt = status?.state?.running?.startedAt
      if (!isDemoImage(c.image) || !startedAt || !status?.containerID) return
      const started = Date.parse(startedAt)
      if (started >= tx.now) return
      // The app sleeps to the next minute first: its first line says 0 minutes.
      const minutes = Math.floor((tx.now - started - 1) / DEMO_WRITE_MS)
      const list = writes.get(where.pvName) ?? []
      list.push({
        started,
        pod: p.metadata.name,
        line: demoLogLine(tx.now, status.containerID, minutes),
        inner: where.inner,
      })
      writes.set(where.pvName, list)
    })
  }
  for (const pvName of [...writes.keys()].sort()) {
    const list = writes.get(pvName)!.sort((a, b) => a.started - b.started || a.pod.localeCompare(b.pod))
    const byFile = new Map<string, string[]>()
    for (const w of list) byFile.set(w.inner, [...(byFile.get(w.inner) ?? []), w.line])
    for (const [inner, lines] of byFile) appendToVolume(tx, clusterId, pvName, inner, lines)
  }
  if (kubeGroupKeys(tx.state.kube, clusterId, 'PersistentVolume')?.size) scheduleMinuteTick(tx, clusterId)
  return writes.size > 0
}
