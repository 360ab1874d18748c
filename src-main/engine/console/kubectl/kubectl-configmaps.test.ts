import { describe, expect, it } from 'vitest'
import { demoStory } from './story'

// ConfigMaps through kubectl: applied from the pipeline, listed with their key count (DATA).

describe('kubectl and ConfigMaps', () => {
  it('applies one and lists it as NAME DATA AGE; cm is its short name', () => {
    const { run } = demoStory()
    const manifest = "apiVersion: v1`nkind: ConfigMap`nmetadata: {name: settings}`ndata: {a: '1', b: '2'}"
    expect(run(`"${manifest}" | kubectl apply -f -`)).toBe('configmap/settings created')
    expect(run('kubectl get cm settings')).toMatch(/^NAME\s+DATA\s+AGE\nsettings\s+2\s+0s$/)
  })
})
