import { describe, expect, it } from 'vitest'
import { demoStory } from './story'

// kubectl create namespace and create configmap, as kubectl's generators build them.

describe('kubectl create namespace|configmap', () => {
  it('creates a namespace, and refuses it again with kubectl’s words', () => {
    const c = demoStory()
    expect(c.run('kubectl create namespace team-a')).toBe('namespace/team-a created')
    expect(c.run('kubectl get ns team-a')).toMatch(/^NAME\s+STATUS\s+AGE\nteam-a\s+Active\s+0s$/)
    expect(c.run('kubectl create ns team-a')).toBe(
      'Error from server (AlreadyExists): namespaces "team-a" already exists',
    )
    expect(c.run('kubectl create namespace')).toContain('error: exactly one NAME is required, got 0')
  })

  it('creates a configmap from literals; a key twice is refused before anything is sent', () => {
    const c = demoStory()
    expect(c.run('kubectl create configmap game --from-literal=lives=3 --from-literal=enemies=aliens')).toBe(
      'configmap/game created',
    )
    expect(c.run("kubectl get configmap game -o jsonpath='{.data.lives} {.data.enemies}'")).toBe('3 aliens')
    expect(c.run('kubectl create cm twice --from-literal=a=1 --from-literal=a=2')).toBe(
      'error: cannot add key "a", another key by that name already exists in Data for ConfigMap "twice"',
    )
    expect(c.run('kubectl get configmap twice')).toContain('NotFound')
  })
})
