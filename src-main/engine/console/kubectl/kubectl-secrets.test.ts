import { describe, expect, it } from 'vitest'
import { demoStory } from './story'

// Secrets: created from literals (base64 in data) or from a manifest's stringData, listed with
// kubectl's columns; data that is not base64 is refused as the API server's decoder refuses it.

const manifest = (name: string, data: string) => `apiVersion: v1
kind: Secret
metadata:
  name: ${name}
${data}
`

describe('Secrets', () => {
  it('kubectl create secret generic stores base64 data; get lists TYPE and DATA', () => {
    const c = demoStory()
    expect(
      c.run('kubectl create secret generic db --from-literal=user=admin --from-literal=password=S3cr3t!'),
    ).toBe('secret/db created')
    expect(c.run("kubectl get secret db -o jsonpath='{.data.user} {.data.password}'")).toBe(
      'YWRtaW4= UzNjcjN0IQ==',
    )
    expect(c.run('kubectl get secrets')).toMatch(/^NAME\s+TYPE\s+DATA\s+AGE\ndb\s+Opaque\s+2\s+0s$/)
    expect(c.run('kubectl create secret tls x')).toContain(
      'error: unknown command "tls" for "kubectl create secret"',
    )
  })

  it('a manifest’s stringData is written into data; data that is not base64 is refused', () => {
    const c = demoStory()
    const cluster = Object.values(c.lab.state.aksClusters)[0]!.name
    const apply = (text: string) =>
      c.lab.dispatch({ type: 'kube.apply', cluster, manifest: text, mode: 'apply', namespace: null })
    expect(apply(manifest('fromfile', 'stringData:\n  token: abc')).ok).toBe(true)
    expect(c.run("kubectl get secret fromfile -o jsonpath='{.data.token}'")).toBe('YWJj')
    expect(c.run("kubectl get secret fromfile -o jsonpath='{.stringData}'")).toBe('')
    const before = c.lab.hash()
    const bad = apply(manifest('other', 'data:\n  token: "not base64!"'))
    expect(bad.ok).toBe(false)
    if (!bad.ok) expect(bad.error.message).toContain('illegal base64 data at input byte 3')
    expect(c.lab.hash()).toBe(before)
  })
})
