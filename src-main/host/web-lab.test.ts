import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { LabStore } from '../persistence'
import { prepareLabFile, startupErrorMessage } from './web-lab'

const base = mkdtempSync(join(tmpdir(), 'hci-web-lab-'))
afterAll(() => rmSync(base, { recursive: true, force: true }))

describe('the web host with --lab FILE', () => {
  it('makes the seed lab where nothing is yet, says so with the whole path, and opens it next', () => {
    const file = join(base, 'new.hcilab')
    const said = prepareLabFile(file)
    expect(said).toContain(`Created lab "new" in ${file}`)
    expect(said).toMatch(/Servers: {2}\d+ x/)
    const { store, lab } = LabStore.open(file)
    expect(lab.state.meta.name).toBe('new')
    expect(Object.values(lab.state.volumes).length).toBeGreaterThan(0)
    store.close()
    expect(prepareLabFile(file)).toBeUndefined() // an existing lab is opened, never remade
  })

  it('names the whole path when it cannot make the lab', () => {
    const file = join(base, 'no-such-folder', 'new.hcilab')
    let error: unknown
    try {
      prepareLabFile(file)
    } catch (e) {
      error = e
    }
    expect(startupErrorMessage(error)).toContain(`"${file}"`)
  })

  it('names the whole path of a file that is not a lab', () => {
    const dir = join(base, 'texts')
    mkdirSync(dir)
    const file = join(dir, 'notes.hcilab')
    writeFileSync(file, 'not a lab')
    expect(prepareLabFile(file)).toBeUndefined()
    let error: unknown
    try {
      LabStore.open(file).store.close()
    } catch (e) {
      error = e
    }
    expect(startupErrorMessage(error)).toContain(`"${file}"`)
    expect(startupErrorMessage(new Error('Invalid port'))).toBe('Invalid port')
  })
})
