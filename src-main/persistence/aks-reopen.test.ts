import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AKS_INSTALL_MS } from '@shared/aks-assumptions'
import { commandSchema, type Command } from '@shared/commands'
import { configure, register } from '../engine/aks/testkit'
import { Lab } from '../engine/lab'
import { LabStore } from './store'
import { labInput, useTempDir } from './testkit'

const tmp = useTempDir()
const MIN = 60_000

describe('AKS host install across closing the app', () => {
  it('continues at the persisted virtual time and ends as the uninterrupted run', () => {
    const commands: Command[] = [configure(), register, { type: 'aks.install' }].map((c) =>
      commandSchema.parse(c),
    )
    const straight = Lab.create(labInput(3))
    for (const c of commands) expect(straight.dispatch(c).ok).toBe(true)
    straight.advanceTo(straight.now + AKS_INSTALL_MS + MIN)

    const file = join(tmp.dir, 'aks.hcilab')
    const first = LabStore.create(file, labInput(3))
    for (const c of commands) {
      const at = first.lab.now
      expect(first.lab.dispatch(c).ok).toBe(true)
      first.store.append(c, at, first.lab)
    }
    first.lab.advanceTo(first.lab.now + 10 * MIN)
    first.store.saveClock(first.lab.now)
    const images = first.lab.state.aks.install!.steps.find((s) => s.id === 'images')!
    expect(images.state).toBe('Done')
    first.store.close()

    const second = LabStore.open(file)
    expect(second.lab.state.aks.phase).toBe('Installing')
    expect(second.lab.hash()).toBe(first.lab.hash())
    second.lab.advanceTo(straight.now)
    expect(second.lab.state.aks.phase).toBe('Installed')
    expect(second.lab.hash()).toBe(straight.hash())
    second.store.close()
  })
})
