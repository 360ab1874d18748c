import { base64 } from '@shared/kube-bytes'
import { isObject, type JsonObject } from '@shared/kube-manifest'
import { parseQuantity } from '@shared/kube-quantity'
import { jobDefaults } from './jobs'

// The API server's defaulting, as a stored object shows it (`kubectl get -o yaml`): restart policy,
// pull policy, strategies, replica counts, the default not-ready/unreachable tolerations. Only fields
// that are absent are filled, so defaulting an already defaulted object changes nothing. Pods also
// get what admission plugins add to Pods only, never to a workload's pod template: the service
// account (ServiceAccount) and the priority of their priority class (Priority).

type O = JsonObject
const o = (v: unknown): O => (isObject(v) ? v : {})
const fill = (target: O, defaults: O): O => ({ ...defaults, ...target })

function container(c: O): O {
  const image = typeof c.image === 'string' ? c.image : ''
  const tag = image.split('@')[0]!.split('/').pop()!.split(':')[1]
  const pull = !tag || tag === 'latest' ? 'Always' : 'IfNotPresent'
  const ports = Array.isArray(c.ports) ? c.ports.map((p) => fill(o(p), { protocol: 'TCP' })) : undefined
  return fill(
    { ...c, ...(ports ? { ports } : {}) },
    {
      imagePullPolicy: pull,
      resources: {},
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
    },
  )
}

export function podSpecDefaults(spec: O): O {
  return fill(
    {
      ...spec,
      containers: Array.isArray(spec.containers) ? spec.containers.map((c) => container(o(c))) : [],
    },
    {
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      dnsPolicy: 'ClusterFirst',
      securityContext: {},
      schedulerName: 'default-scheduler',
    },
  )
}

/** The built-in PriorityClasses' values; a pod without a class gets 0 (no global default class). */
export const SYSTEM_PRIORITIES: Readonly<Record<string, number>> = {
  'system-cluster-critical': 2000000000,
  'system-node-critical': 2000001000,
}

/**
 * What the API server's admission adds to a Pod (never to a template): ServiceAccount sets
 * serviceAccountName (`default` when absent) and the v1 API mirrors it in the deprecated
 * serviceAccount; Priority resolves priorityClassName to spec.priority.
 */
export function podAdmission(spec: O): O {
  const account = typeof spec.serviceAccountName === 'string' && spec.serviceAccountName
  const name = account || (typeof spec.serviceAccount === 'string' && spec.serviceAccount) || 'default'
  const cls = typeof spec.priorityClassName === 'string' ? spec.priorityClassName : ''
  return {
    ...spec,
    serviceAccountName: name,
    serviceAccount: name,
    priority: typeof spec.priority === 'number' ? spec.priority : (SYSTEM_PRIORITIES[cls] ?? 0),
  }
}

const NOT_READY_TOLERATIONS: O[] = ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable'].map(
  (key) => ({
    key,
    operator: 'Exists',
    effect: 'NoExecute',
    tolerationSeconds: 300,
  }),
)

/** QoS class from requests and limits (Guaranteed when every container's limits equal its requests). */
export function qosClass(spec: O): string {
  const cs = (Array.isArray(spec.containers) ? spec.containers : []).map((c) => o(o(c).resources))
  const none = cs.every((r) => !Object.keys(o(r.requests)).length && !Object.keys(o(r.limits)).length)
  if (none) return 'BestEffort'
  const guaranteed = cs.every((r) => {
    const limits = o(r.limits)
    const requests = { ...limits, ...o(r.requests) }
    return (
      ['cpu', 'memory'].every((k) => limits[k] !== undefined) &&
      Object.keys(requests).every(
        (k) => parseQuantity(requests[k] as string) === parseQuantity(limits[k] as string),
      )
    )
  })
  return guaranteed ? 'Guaranteed' : 'Burstable'
}

function template(t: unknown): O {
  const tt = o(t)
  return { ...tt, metadata: o(tt.metadata), spec: podSpecDefaults(o(tt.spec)) }
}

/** The object as the API server stores it on create or update (status kept as is). */
export function withDefaults(obj: O): O {
  const spec = o(obj.spec)
  const meta = o(obj.metadata)
  switch (obj.kind) {
    case 'Pod': {
      const s = podAdmission(podSpecDefaults(spec))
      const tolerations = Array.isArray(s.tolerations) ? s.tolerations : []
      const missing = NOT_READY_TOLERATIONS.filter((t) => !tolerations.some((x) => o(x).key === t.key))
      return {
        ...obj,
        spec: {
          ...s,
          tolerations: [...tolerations, ...missing],
          enableServiceLinks: s.enableServiceLinks ?? true,
        },
        status: obj.status ?? { phase: 'Pending', qosClass: qosClass(s) },
      }
    }
    case 'Deployment':
      return {
        ...obj,
        metadata: fill(meta, { generation: 1 }),
        spec: fill(
          { ...spec, template: template(spec.template) },
          {
            replicas: 1,
            strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
            revisionHistoryLimit: 10,
            progressDeadlineSeconds: 600,
          },
        ),
      }
    case 'ReplicaSet':
      return {
        ...obj,
        metadata: fill(meta, { generation: 1 }),
        spec: fill({ ...spec, template: template(spec.template) }, { replicas: 1 }),
      }
    case 'StatefulSet':
      return {
        ...obj,
        metadata: fill(meta, { generation: 1 }),
        spec: fill(
          {
            ...spec,
            template: template(spec.template),
            ...(Array.isArray(spec.volumeClaimTemplates)
              ? {
                  volumeClaimTemplates: spec.volumeClaimTemplates.map((t) => ({
                    apiVersion: 'v1',
                    kind: 'PersistentVolumeClaim',
                    ...o(t),
                    spec: fill(o(o(t).spec), { volumeMode: 'Filesystem' }),
                  })),
                }
              : {}),
          },
          {
            replicas: 1,
            podManagementPolicy: 'OrderedReady',
            updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
            revisionHistoryLimit: 10,
          },
        ),
      }
    case 'DaemonSet':
      return {
        ...obj,
        metadata: fill(meta, { generation: 1 }),
        spec: fill(
          { ...spec, template: template(spec.template) },
          {
            updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
            revisionHistoryLimit: 10,
          },
        ),
      }
    case 'Job': {
      const job = jobDefaults(obj)
      return { ...job, spec: { ...o(job.spec), template: template(o(job.spec).template) } }
    }
    case 'Service': {
      const ports = Array.isArray(spec.ports)
        ? spec.ports.map((p) => fill(o(p), { protocol: 'TCP', targetPort: o(p).port ?? null }))
        : []
      return {
        ...obj,
        spec: fill({ ...spec, ports }, { type: 'ClusterIP', sessionAffinity: 'None' }),
        status: obj.status ?? { loadBalancer: {} },
      }
    }
    case 'PersistentVolumeClaim':
      return {
        ...obj,
        spec: fill(spec, { volumeMode: 'Filesystem' }),
        status: obj.status ?? { phase: 'Pending' },
      }
    case 'Namespace':
      return {
        ...obj,
        spec: fill(spec, { finalizers: ['kubernetes'] }),
        status: obj.status ?? { phase: 'Active' },
      }
    case 'Secret':
      return secretDefaults(obj)
    default:
      return obj
  }
}

/** A Secret as the API server stores it: stringData written into data (base64), type Opaque by default. */
function secretDefaults(obj: O): O {
  const { stringData, ...rest } = obj as O & { stringData?: unknown; data?: unknown; type?: unknown }
  const data = new Map(Object.entries(o(rest.data)))
  for (const [key, value] of Object.entries(o(stringData))) data.set(key, base64(String(value)))
  return {
    ...rest,
    ...(data.size ? { data: Object.fromEntries(data) } : {}),
    type: typeof rest.type === 'string' && rest.type !== '' ? rest.type : 'Opaque',
  } as O
}
