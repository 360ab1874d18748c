import { describe, expect, it } from 'vitest'
import { AKS_INSTALL_MS } from '@shared/aks-assumptions'
import { Lab } from '../lab'
import { configure, newLab, ok, register } from './testkit'

const MIN = 60_000

describe('AKS host install determinism', () => {
  const commands = [configure(), register, { type: 'aks.install' }]

  it('is the same lab whether the clock jumps to the end or crawls there', () => {
    const jump = newLab(4)
    for (const c of commands) ok(jump, c)
    ok(jump, { type: 'clock.advance', ms: AKS_INSTALL_MS + MIN })

    const crawl = newLab(4)
    for (const c of commands) ok(crawl, c)
    while (crawl.now < jump.now) crawl.advanceTo(Math.min(jump.now, crawl.now + 7_000))
    expect(crawl.state.aks.phase).toBe('Installed')
    expect(crawl.hash()).toBe(jump.hash())
  })

  it('replays from a snapshot taken mid-install to the same lab', () => {
    const lab = newLab(5)
    for (const c of commands) ok(lab, c)
    ok(lab, { type: 'clock.advance', ms: 12 * MIN })
    const copy = Lab.fromState(lab.snapshot())
    ok(lab, { type: 'clock.advance', ms: AKS_INSTALL_MS })
    ok(copy, { type: 'clock.advance', ms: AKS_INSTALL_MS })
    expect(copy.hash()).toBe(lab.hash())
  })

  it('gives the same lab from the wizard’s full input and the cmdlets’ defaults', () => {
    const wizard = newLab(6)
    ok(wizard, {
      ...configure(),
      controlPlaneVmSize: 'Standard_A4_v2',
      version: '1.0.8.10223',
      skipUpdates: false,
    })
    const cmdlets = newLab(6)
    ok(cmdlets, { ...configure(), controlPlaneVmSize: 'Standard_A4_V2' }) // the docs' casing
    for (const lab of [wizard, cmdlets]) {
      ok(lab, register)
      ok(lab, { type: 'aks.install' })
      ok(lab, { type: 'clock.advance', ms: AKS_INSTALL_MS })
    }
    expect(cmdlets.hash()).toBe(wizard.hash())
  })
})
