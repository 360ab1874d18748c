import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { SAMPLE_MANIFESTS, STORAGE_SAMPLE_MANIFESTS } from '@shared/manifests'
import { describe, expect, it } from 'vitest'
import { HOME_MANIFESTS } from './home'
import { newConsole } from './testkit'

describe('the home folder', () => {
  it('holds the same sample manifests as resources/manifests', () => {
    expect(Object.keys(HOME_MANIFESTS)).toEqual([
      ...Object.keys(SAMPLE_MANIFESTS),
      ...Object.keys(STORAGE_SAMPLE_MANIFESTS),
    ])
    for (const [name, text] of Object.entries(HOME_MANIFESTS))
      expect(readFileSync(join(__dirname, '../../../resources/manifests', name), 'utf8')).toBe(text)
  })

  it('Get-ChildItem lists the prompt folder; Get-Content prints a file', () => {
    const { run } = newConsole()
    const out = run('Get-ChildItem')
    expect(out).toContain('    Directory: C:\\Users\\Administrator\\Documents')
    expect(out).toMatch(/-a----\s+\S+\s+\S+ [AP]M\s+\d+ demo1\.yaml/)
    expect(out.match(/\.yaml/g)).toHaveLength(7)
    expect(out).toMatch(/\d+ pvc-fixed\.yaml/)
    expect(out).toMatch(/\d+ sc-custom\.yaml/)
    expect(out).toMatch(/\d+ static-pv\.yaml/)
    expect(run('Get-Content pvc.yaml')).toBe(SAMPLE_MANIFESTS['pvc.yaml']!.trimEnd())
    expect(run('(Get-Content .\\demo3.yaml).Count')).toBe(
      String(SAMPLE_MANIFESTS['demo3.yaml']!.trimEnd().split('\n').length),
    )
    expect(run('Get-Content .\\sc-custom.yaml')).toBe(STORAGE_SAMPLE_MANIFESTS['sc-custom.yaml']!.trimEnd())
    expect(run('Get-Content nope.yaml')).toContain(
      "Cannot find path 'C:\\Users\\Administrator\\Documents\\nope.yaml' because it does not exist.",
    )
  })
})
