import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AKS_INSTALL_MS } from '@shared/aks-assumptions'
import { createCommand } from '../engine/aks/cluster-testkit'
import { configure, register } from '../engine/aks/testkit'
import { claimOf } from '../engine/console/kubectl/validation-kit'
import { ConsoleSession } from '../engine/console/session'
import { DEFAULT_HARDWARE } from '../engine/hci/build'
import { dispatchAndSave } from '../ipc/persisted'
import { LabStore } from './store'
import { useTempDir } from './testkit'

// Issue 10's poisoned lab: a claim of `storage: 1073741824` (a plain number) used to pass
// validation and then fail every clock advance, so the file could not be reopened. Through the
// console and the file as the hosts use them: the claim is stored canonical, time goes on, the file
// reopens to the same lab, and refused input leaves no row in it.

const tmp = useTempDir()
const MIN = 60_000

describe('a lab with a claim of a plain number of bytes', () => {
  it('advances, saves and reopens to the same lab; refused commands are not logged', () => {
    const file = join(tmp.dir, 'pvc.hcilab')
    const { store, lab } = LabStore.create(file, { name: 'Test', seed: 1, hardware: DEFAULT_HARDWARE })
    let appended = 0 // dispatchAndSave appends exactly the commands that succeed
    const dispatch = (command: unknown) => {
      const result = dispatchAndSave(lab, store, command)
      if (result.ok) appended++
      return result
    }
    for (const c of [configure(), register, { type: 'aks.install' }]) expect(dispatch(c).ok).toBe(true)
    lab.advanceTo(lab.now + AKS_INSTALL_MS)
    expect(dispatch(createCommand('demo', 1)).ok).toBe(true)
    lab.advanceTo(lab.now + 15 * MIN)
    const files = new Map([
      ['c.yaml', claimOf('1073741824')],
      ['bad.yaml', claimOf('-1Gi', 'bad')],
    ])
    const session = new ConsoleSession(
      { state: () => lab.state, dispatch, readFile: (path) => files.get(path) ?? null },
      { color: false },
    )
    const run = (line: string) => session.run(line).output
    run('Get-AksHciCredential -name demo')
    expect(run('kubectl apply -f c.yaml')).toBe('persistentvolumeclaim/c created')
    const logged = appended
    expect(run('kubectl apply -f bad.yaml')).toContain('The PersistentVolumeClaim "bad" is invalid')
    expect(run('kubectl label pvc c __proto__=x')).toContain('metadata.labels: Invalid value: "__proto__"')
    expect(run('kubectl patch pvc c -p \'{"spec":{"resources":{"requests":{"storage":[]}}}}\'')).toBe(
      'The request is invalid: patch: Invalid value: "map[spec:map[resources:map[requests:map[storage:[]]]]]": quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\'',
    )
    expect(appended).toBe(logged)
    lab.advanceTo(lab.now + 10 * MIN)
    store.saveClock(lab.now)
    expect(run('kubectl get pvc c')).toMatch(/\nc\s+Bound\s+pvc-\S+\s+1Gi\s+/)
    store.close()

    const reopened = LabStore.open(file)
    expect(reopened.lab.hash()).toBe(lab.hash())
    reopened.lab.advanceTo(reopened.lab.now + 10 * MIN)
    reopened.store.close()
  })
})
