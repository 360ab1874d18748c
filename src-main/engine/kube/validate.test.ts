import { describe, expect, it } from 'vitest'
import { listKube } from '@shared/kube'
import { resultLine, withFile, type KubeCommandResult } from '@shared/kube-results'
import { clusterOf, withCluster } from '../aks/cluster-testkit'
import { ok } from '../aks/testkit'

const pod = (name: string, extra = '') => `apiVersion: v1
kind: Pod
metadata: {name: ${name}}
spec:
  containers:
  - name: web
    image: nginx
${extra}`

describe('kube.apply validation, document by document', () => {
  const lab = withCluster('demo', 1)
  const id = clusterOf(lab, 'demo').id
  const names = () =>
    listKube(lab.state, id, { kind: 'Pod', namespace: 'default' }).map((p) => p.metadata.name)
  // kubectl's lines; a command whose every document is refused fails as a whole, with their texts.
  const line = (manifest: string, mode: 'apply' | 'create' = 'apply') => {
    const r = lab.dispatch({ type: 'kube.apply', cluster: 'demo', manifest, mode, namespace: null })
    if (!r.ok) return [withFile(r.error.message, 'demo.yaml')]
    return (r.data as KubeCommandResult).results.map((x) => resultLine(x, 'demo.yaml'))
  }

  it('refuses a bad document and applies the good ones around it', () => {
    const out = line(`${pod('Demo')}---\n${pod('good')}`)
    expect(out[0]).toBe(
      `The Pod "Demo" is invalid: metadata.name: Invalid value: "Demo": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
    )
    expect(out[1]).toBe('pod/good created')
    expect(names()).toEqual(['good'])
  })

  it('says unchanged for the same configuration and AlreadyExists for create', () => {
    expect(line(pod('good'))).toEqual(['pod/good unchanged'])
    expect(line(pod('good'), 'create')).toEqual([
      'Error from server (AlreadyExists): error when creating "demo.yaml": pods "good" already exists',
    ])
  })

  it('maps unknown kinds, missing fields, bad quantities, unknown namespaces to kubectl errors', () => {
    const before = lab.hash()
    const out = line(
      [
        'apiVersion: v1\nkind: Foo\nmetadata: {name: x}\n',
        'apiVersion: v1\nkind: Pod\nmetadata: {name: noimage}\nspec:\n  containers: [{name: web}]\n',
        pod('bigq', '    resources: {requests: {memory: 1 GB}}\n'),
        'apiVersion: v1\nkind: Pod\nmetadata: {name: elsewhere, namespace: nope}\nspec:\n  containers: [{name: web, image: nginx}]\n',
        'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  selector: {matchLabels: {app: a}}\n  template:\n    metadata: {labels: {app: b}}\n    spec:\n      containers: [{name: web, image: nginx}]\n',
      ].join('---\n'),
    )
    expect(out.join('\n').split('\n')).toEqual([
      'error: resource mapping not found for name: "x" namespace: "" from "demo.yaml": no matches for kind "Foo" in version "v1"',
      'ensure CRDs are installed first',
      'The Pod "noimage" is invalid: spec.containers[0].image: Required value',
      `Error from server (BadRequest): error when creating "demo.yaml": Pod in version "v1" cannot be handled as a Pod: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
      'Error from server (NotFound): error when creating "demo.yaml": namespaces "nope" not found',
      'The Deployment "d" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"b"}: `selector` does not match template `labels`',
    ])
    expect(names()).toEqual(['good'])
    expect(listKube(lab.state, id, { kind: 'Deployment', namespace: 'default' })).toHaveLength(0)
    expect(lab.hash()).toBe(before)
  })

  it('refuses immutable changes and keeps the stored object', () => {
    const d = (app: string) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: ${app}}}\n  template:\n    metadata: {labels: {app: ${app}}}\n    spec:\n      containers: [{name: web, image: nginx}]\n`
    expect(line(d('web'))).toEqual(['deployment.apps/web created'])
    expect(line(d('other'))[0]).toMatch(
      /^The Deployment "web" is invalid: spec.selector: Invalid value: .*field is immutable$/,
    )
    const stored = listKube(lab.state, id, { kind: 'Deployment', namespace: 'default' })[0]!
    expect((stored as unknown as { spec: { selector: unknown } }).spec.selector).toEqual({
      matchLabels: { app: 'web' },
    })
  })

  it('patches with a JSON merge patch and validates the result', () => {
    const r = ok(lab, {
      type: 'kube.patch',
      cluster: 'demo',
      namespace: null,
      kind: 'deployment',
      name: 'web',
      patch: '{"spec":{"replicas":3}}',
    }) as { results: { action: string }[] }
    expect(r.results[0]!.action).toBe('patched')
    const stored = listKube(lab.state, id, { kind: 'Deployment', namespace: 'default' })[0]!
    expect((stored as unknown as { spec: { replicas: number } }).spec.replicas).toBe(3)
  })

  it('fails the command when nothing can be parsed', () => {
    const r = lab.dispatch({
      type: 'kube.apply',
      cluster: 'demo',
      manifest: 'a: [b',
      mode: 'apply',
      namespace: null,
    })
    expect(r.ok).toBe(false)
  })
})
