import { describe, expect, it } from 'vitest'
import type { KubeObject } from '@shared/contract'
import { ok } from '../../aks/testkit'
import { putFile } from '../../hci/ledger'
import { updateObject } from '../store'
import { claim, inTx, put, pvcOf, setup } from './testkit'

// Expanding a claim grows its VHDX's virtual size; only a fixed VHDX allocates the new size. A dynamic
// VHDX whose disk has filled is as large as its disk, yet stays dynamic: it grows as it is written.

const GiB = 1024 ** 3

describe('expanding a claim on a dynamic VHDX', () => {
  it('keeps a full dynamic VHDX’s bytes on disk: only its virtual size grows', () => {
    const { lab, id } = setup()
    inTx(lab, id, (tx) => put(tx, id, claim('full', '1Gi')))
    ok(lab, { type: 'clock.advance', ms: 5000 })
    const pvName = pvcOf(lab, id, 'full').spec!.volumeName!
    const file = Object.values(lab.state.files).find((f) => f.owner.id === pvName)!
    // The disk inside filled up: the dynamic VHDX now takes its whole size.
    inTx(lab, id, (tx) => putFile(tx, { ...file, allocatedBytes: GiB }))
    inTx(lab, id, (tx) =>
      updateObject<KubeObject>(tx, id, 'PersistentVolumeClaim', 'default', 'full', (o) => ({
        ...o,
        spec: { ...(o.spec as object), resources: { requests: { storage: '3Gi' } } },
      })),
    )
    expect(lab.state.files[file.id]).toMatchObject({
      sizeBytes: 3 * GiB,
      allocatedBytes: GiB,
      vhd: { type: 'Dynamic' },
    })
  })
})
