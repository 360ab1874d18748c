import { describe, expect, it } from 'vitest'
import { decodeObject, goPrint } from './kube-decode'
import type { JsonObject } from './kube-manifest'
import { schemaError } from './kube-openapi-check'

// The API server's typed decoding and kubectl's schema check, field type by field type, with the
// texts of encoding/json, the unstructured converter and kube-openapi.

const deployment = (spec: JsonObject, metadata: JsonObject = { name: 'd' }): JsonObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata,
  spec: { selector: { matchLabels: { app: 'd' } }, ...spec },
})
const container = (c: JsonObject): JsonObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p' },
  spec: { containers: [{ name: 'web', image: 'nginx', ...c }] },
})
const service = (port: JsonObject): JsonObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 's' },
  spec: { ports: [{ port: 80, ...port }] },
})
const message = (o: JsonObject, kind: string, style: 'json' | 'converter' = 'json') => {
  const r = decodeObject(o, kind, style)
  return r.ok ? null : r.message
}

describe("the API server's JSON decoder", () => {
  it.each([
    [
      deployment({ replicas: 'abc' }),
      'string into Go struct field DeploymentSpec.spec.replicas of type int32',
    ],
    [
      deployment({ replicas: 2.5 }),
      'number 2.5 into Go struct field DeploymentSpec.spec.replicas of type int32',
    ],
    [deployment({ replicas: [] }), 'array into Go struct field DeploymentSpec.spec.replicas of type int32'],
    [deployment({ replicas: {} }), 'object into Go struct field DeploymentSpec.spec.replicas of type int32'],
    [deployment({ paused: 'yes' }), 'string into Go struct field DeploymentSpec.spec.paused of type bool'],
    [deployment({}, { name: 7 }), 'number into Go struct field ObjectMeta.metadata.name of type string'],
    [
      deployment({}, { name: 'd', labels: { a: 1 } }),
      'number into Go struct field ObjectMeta.metadata.labels of type string',
    ],
    [
      deployment({}, { name: 'd', labels: ['a'] }),
      'array into Go struct field ObjectMeta.metadata.labels of type map[string]string',
    ],
    [
      deployment({ template: 'x' }),
      'string into Go struct field DeploymentSpec.spec.template of type v1.PodTemplateSpec',
    ],
    [
      container({ command: 'sleep 1' }),
      'string into Go struct field Container.spec.containers.command of type []string',
    ],
    [
      container({ ports: [{ containerPort: '80' }] }),
      'string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32',
    ],
    [
      service({ targetPort: 8.5 }),
      'number 8.5 into Go struct field ServicePort.spec.ports.targetPort of type int32',
    ],
    [
      service({ targetPort: true }),
      'bool into Go struct field ServicePort.spec.ports.targetPort of type int32',
    ],
  ])('refuses %j', (o, text) => {
    expect(message(o, String(o.kind))).toBe(`json: cannot unmarshal ${text}`)
  })

  it('reports the first mismatch in the order of the JSON kubectl sends (sorted keys), unless a quantity stops it', () => {
    const both = deployment({ replicas: 'x', minReadySeconds: 'y' })
    expect(message(both, 'Deployment')).toContain('DeploymentSpec.spec.minReadySeconds')
    const quantity = container({ resources: { requests: { cpu: 'lots' } }, image: 5 })
    expect(message(quantity, 'Pod')).toBe(
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    )
  })

  it('stores quantities canonical, drops null fields and keeps the rest as it came, in its order', () => {
    const r = decodeObject(
      container({
        resources: { requests: { memory: 1073741824, cpu: '0.5' }, limits: null },
        tty: null,
        x: 1,
      }),
      'Pod',
    )
    expect(r).toEqual({
      ok: true,
      object: container({ resources: { requests: { memory: '1073741824', cpu: '500m' } }, x: 1 }),
    })
    expect(Object.keys((r as { object: JsonObject }).object)).toEqual([
      'apiVersion',
      'kind',
      'metadata',
      'spec',
    ])
  })

  it('takes IntOrString as a string or an int32', () => {
    expect(message(service({ targetPort: 'http' }), 'Service')).toBeNull()
    expect(message(service({ targetPort: 8080 }), 'Service')).toBeNull()
  })

  it('keeps __proto__ as an own key of a map', () => {
    const meta = JSON.parse('{"name":"d","labels":{"__proto__":"x"}}') as JsonObject
    const r = decodeObject(deployment({}, meta), 'Deployment')
    const labels = ((r as { object: JsonObject }).object.metadata as JsonObject).labels as JsonObject
    expect(Object.keys(labels)).toEqual(['__proto__'])
    expect(Object.getPrototypeOf(labels)).toBe(Object.prototype)
  })
})

describe('the unstructured converter (a strategic merge patch)', () => {
  it.each([
    [deployment({ replicas: 'x' }), 'cannot convert string to int32'],
    [deployment({ replicas: 2.5 }), 'cannot convert float64 to int32'],
    [deployment({ replicas: true }), 'cannot convert bool to int32'],
    [deployment({ template: 'x' }), 'cannot restore struct from: string'],
    [container({ args: 'x' }), 'cannot restore slice from string'],
    [container({ image: 3 }), 'cannot convert int64 to string'],
    [service({ targetPort: 2.5 }), 'json: cannot unmarshal number 2.5 into Go value of type int32'],
  ])('refuses %j', (o, text) => {
    expect(message(o, String(o.kind), 'converter')).toBe(text)
  })

  it("prints a patch as Go's %+v of its map", () => {
    expect(goPrint({ spec: { replicas: 'x', b: [1, null] }, a: true })).toBe(
      'map[a:true spec:map[b:[1 <nil>] replicas:x]]',
    )
  })
})

describe("kubectl's schema check (OpenAPI types)", () => {
  const STOP = '; if you choose to ignore these errors, turn validation off with --validate=false'
  it.each([
    [
      deployment({ replicas: 'abc' }),
      'ValidationError(Deployment.spec.replicas): invalid type for io.k8s.api.apps.v1.DeploymentSpec.replicas: got "string", expected "integer"',
    ],
    [
      deployment({ paused: 1 }),
      'ValidationError(Deployment.spec.paused): invalid type for io.k8s.api.apps.v1.DeploymentSpec.paused: got "number", expected "boolean"',
    ],
    [
      deployment({ template: [] }),
      'ValidationError(Deployment.spec.template): invalid type for io.k8s.api.core.v1.PodTemplateSpec: got "array", expected "map"',
    ],
    [
      container({ command: 'x' }),
      'ValidationError(Pod.spec.containers[0].command): invalid type for io.k8s.api.core.v1.Container.command: got "string", expected "array"',
    ],
  ])('refuses %j', (o, text) => {
    expect(schemaError(o, String(o.kind))).toBe(`error validating data: ${text}${STOP}`)
  })

  it('lets numbers pass for integers and scalars for strings: the server judges those', () => {
    expect(schemaError(deployment({ replicas: 2.5 }), 'Deployment')).toBeNull()
    expect(schemaError(container({ image: 5 }), 'Pod')).toBeNull()
  })

  it('lists several errors in brackets', () => {
    expect(schemaError(deployment({ replicas: 'a', paused: 'b' }), 'Deployment')).toMatch(
      /^error validating data: \[ValidationError\(Deployment\.spec\.paused\): .*, ValidationError\(Deployment\.spec\.replicas\): .*\]; if you/,
    )
  })
})
