import { describe, expect, it } from 'vitest'
import type { JsonObject } from './kube-manifest'
import { validateObject } from './kube-validate'

// The API server's range checks of integer fields (ValidateNonnegativeField, IsValidPortNum, …),
// with its field paths and messages, on decoded objects.

const podSpec = (extra: JsonObject = {}, container: JsonObject = {}): JsonObject => ({
  containers: [{ name: 'web', image: 'nginx', ...container }],
  ...extra,
})
const deployment = (spec: JsonObject): JsonObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'd' },
  spec: {
    selector: { matchLabels: { app: 'd' } },
    template: { metadata: { labels: { app: 'd' } }, spec: podSpec() },
    ...spec,
  },
})
const pod = (extra: JsonObject = {}, container: JsonObject = {}): JsonObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p' },
  spec: podSpec(extra, container),
})
const service = (port: JsonObject, type = 'ClusterIP'): JsonObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 's' },
  spec: { type, ports: [{ port: 80, ...port }] },
})
const NONNEG = 'must be greater than or equal to 0'
const PORTS = 'must be between 1 and 65535, inclusive'

describe('integer fields with ranges', () => {
  it.each([
    [deployment({ replicas: -1 }), `spec.replicas: Invalid value: -1: ${NONNEG}`],
    [deployment({ minReadySeconds: -2 }), `spec.minReadySeconds: Invalid value: -2: ${NONNEG}`],
    [deployment({ revisionHistoryLimit: -1 }), `spec.revisionHistoryLimit: Invalid value: -1: ${NONNEG}`],
    [
      deployment({ progressDeadlineSeconds: 5, minReadySeconds: 10 }),
      'spec.progressDeadlineSeconds: Invalid value: 5: must be greater than minReadySeconds',
    ],
    [
      deployment({ strategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } } }),
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` is 0',
    ],
    [
      deployment({ strategy: { rollingUpdate: { maxSurge: 'x', maxUnavailable: 1 } } }),
      `spec.strategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"x"}: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')`,
    ],
    [
      deployment({ strategy: { rollingUpdate: { maxUnavailable: '150%' } } }),
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"150%"}: must not be greater than 100%',
    ],
    [
      pod({ activeDeadlineSeconds: 0 }),
      'spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive',
    ],
    [
      pod({}, { ports: [{ containerPort: 70000 }] }),
      `spec.containers[0].ports[0].containerPort: Invalid value: 70000: ${PORTS}`,
    ],
    [pod({}, { ports: [{ containerPort: 0 }] }), 'spec.containers[0].ports[0].containerPort: Required value'],
    [
      pod({}, { ports: [{ containerPort: 80, hostPort: -5 }] }),
      `spec.containers[0].ports[0].hostPort: Invalid value: -5: ${PORTS}`,
    ],
    [
      pod({}, { ports: [{ containerPort: 80, protocol: 'HTTP' }] }),
      'spec.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
    ],
    [
      pod({}, { readinessProbe: { periodSeconds: -1 } }),
      `spec.containers[0].readinessProbe.periodSeconds: Invalid value: -1: ${NONNEG}`,
    ],
    [
      pod({}, { resources: { requests: { cpu: '-1' } } }),
      `spec.containers[0].resources.requests[cpu]: Invalid value: "-1": ${NONNEG}`,
    ],
    [
      pod({}, { resources: { requests: { cpu: '2' }, limits: { cpu: '1' } } }),
      'spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit',
    ],
    [service({ port: 0 }), `spec.ports[0].port: Invalid value: 0: ${PORTS}`],
    [service({ targetPort: 70000 }), `spec.ports[0].targetPort: Invalid value: 70000: ${PORTS}`],
    [
      service({ nodePort: 31000 }),
      "spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'",
    ],
    [
      service({ nodePort: 80 }, 'NodePort'),
      'spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767',
    ],
  ])('%j', (o, error) => {
    expect(validateObject(o)).toEqual([error])
  })

  it('checks label keys as IsQualifiedName does, annotation keys in lower case, annotations by size', () => {
    const meta = (metadata: JsonObject) => validateObject({ ...pod(), metadata: { name: 'p', ...metadata } })
    expect(meta({ labels: { '/x': 'a' } })).toEqual([
      'metadata.labels: Invalid value: "/x": prefix part must be non-empty',
    ])
    expect(meta({ labels: { 'a/': 'b' } })).toEqual([
      'metadata.labels: Invalid value: "a/": name part must be non-empty',
      `metadata.labels: Invalid value: "a/": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
    ])
    expect(meta({ annotations: { 'Example.com/Owner': 'x' } })).toEqual([])
    expect(meta({ annotations: { big: 'x'.repeat(256 * 1024) } })).toEqual([
      'metadata.annotations: Too long: must have at most 262144 bytes',
    ])
  })

  it('checks env names, volume mounts and config keys', () => {
    expect(validateObject(pod({}, { env: [{ name: '1st', value: 'x' }] }))).toEqual([
      `spec.containers[0].env[0].name: Invalid value: "1st": a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')`,
    ])
    expect(validateObject(pod({}, { volumeMounts: [{ name: 'data', mountPath: '/data' }] }))).toEqual([
      'spec.containers[0].volumeMounts[0].name: Not found: "data"',
    ])
    const configMap = (data: JsonObject): JsonObject => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c' },
      data,
    })
    expect(validateObject(configMap({ '..x': 'a' }))).toEqual([
      `data[..x]: Invalid value: "..x": must not start with '..'`,
    ])
    expect(validateObject(configMap({ 'a b': 'a' }))[0]).toMatch(
      /^data\[a b\]: Invalid value: "a b": a valid config key/,
    )
  })

  it('accepts the edges', () => {
    expect(validateObject(deployment({ replicas: 0, revisionHistoryLimit: 0 }))).toEqual([])
    expect(validateObject(pod({ terminationGracePeriodSeconds: -1 }))).toEqual([])
    expect(validateObject(pod({}, { ports: [{ containerPort: 65535, hostPort: 1 }] }))).toEqual([])
    expect(validateObject(service({ targetPort: 'http', nodePort: 30000 }, 'NodePort'))).toEqual([])
  })
})
