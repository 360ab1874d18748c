import type { LabView } from '@shared/contract'
import { getKube, labelsOf } from '@shared/kube'
import { kindInfo, pluralOf } from '@shared/kube-kinds'
import { NativeError } from '../errors'
import { base64 } from '@shared/kube-bytes'
import { REPEATED_SEPARATOR, type Parsed } from './args'
import { findResourceType } from './resources'

// kubectl's generators: the objects `create deployment`, `run` and `expose` build from flags and send
// to the API server, as kubectl 1.32 builds them (pkg/cmd/create/create_deployment.go, run.go,
// expose.go and the service generator). Each returns a manifest for a `kube.apply` create.

const usage = (command: string, message: string) =>
  new NativeError([`error: ${message}`, `See 'kubectl ${command} -h' for help and examples`])

function port(p: Parsed, flag: string, command: string): number | undefined {
  const text = p.flags.get(flag)
  if (text === undefined) return undefined
  const n = Number(text)
  if (!/^\d+$/.test(text) || n < 1 || n > 65535)
    throw usage(command, `invalid argument "${text}" for "--${flag}" flag: must be 1-65535`)
  return n
}

/** `nginx:1.21` → `nginx`, `mcr.microsoft.com/x/aks-demo:latest` → `aks-demo` (the container's name). */
const containerName = (image: string) => image.split('/').pop()!.split(/[:@]/)[0]!.replace(/_/g, '-')

/** An Int32Var flag: strconv.ParseInt's syntax and 32-bit range, in cobra's words. */
function int32Flag(p: Parsed, flag: string, shorthand: string, command: string): number | undefined {
  const text = p.flags.get(flag)
  if (text === undefined) return undefined
  const reason = !/^[-+]?\d+$/.test(text)
    ? 'invalid syntax'
    : BigInt(text) > 2n ** 31n - 1n || BigInt(text) < -(2n ** 31n)
      ? 'value out of range'
      : null
  if (reason !== null)
    throw new NativeError([
      `Error: invalid argument "${text}" for "-${shorthand}, --${flag}" flag: strconv.ParseInt: parsing "${text}": ${reason}`,
      `See 'kubectl ${command} --help' for usage.`,
    ])
  return Number(text)
}

/** kubectl create namespace NAME (create_namespace.go). */
export function createNamespaceManifest(p: Parsed): string {
  const name = oneName(p, 'create namespace')
  return JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } })
}

/** The KEY=VALUE pairs of --from-literal, refused as kubectl refuses them (a key twice). */
function literals(p: Parsed, kind: string, name: string): Map<string, string> {
  const data = new Map<string, string>()
  for (const literal of p.flags.get('from-literal')?.split(REPEATED_SEPARATOR) ?? []) {
    const at = literal.indexOf('=')
    if (at <= 0) throw new NativeError([`error: invalid literal source ${literal}, expected key=value`])
    const key = literal.slice(0, at)
    if (data.has(key))
      throw new NativeError([
        `error: cannot add key "${key}", another key by that name already exists in Data for ${kind} "${name}"`,
      ])
    data.set(key, literal.slice(at + 1))
  }
  return data
}

function oneName(p: Parsed, command: string, at = 1): string {
  const name = p.words[at]
  if (name === undefined || p.words.length !== at + 1)
    throw usage(command, `exactly one NAME is required, got ${Math.max(0, p.words.length - at)}`)
  return name
}

/** kubectl create configmap NAME [--from-literal=KEY=VALUE]… (create_configmap.go). */
export function createConfigMapManifest(p: Parsed): string {
  const name = oneName(p, 'create configmap')
  const data = literals(p, 'ConfigMap', name)
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name },
    ...(data.size ? { data: Object.fromEntries(data) } : {}),
  })
}

/** kubectl create secret generic NAME [--from-literal=KEY=VALUE]… (create_secret.go): data in base64. */
export function createSecretManifest(p: Parsed): string {
  if (p.words[1] !== 'generic')
    throw new NativeError([
      p.words[1] === undefined
        ? 'error: create secret needs a type'
        : `error: unknown command "${p.words[1]}" for "kubectl create secret"`,
      'HCI Lab supports: kubectl create secret generic NAME --from-literal=KEY=VALUE',
    ])
  const name = oneName(p, 'create secret generic', 2)
  const data = literals(p, 'Secret', name)
  const encoded = [...data].map(([k, v]) => [k, base64(v)] as const)
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name },
    ...(encoded.length ? { data: Object.fromEntries(encoded) } : {}),
  })
}

/** kubectl create deployment NAME --image=IMG [--replicas=N] [--port=P] [-- COMMAND…] */
export function createDeploymentManifest(p: Parsed): string {
  const name = p.words[1]
  if (name === undefined || p.beforeDash < 2)
    throw usage('create deployment', 'exactly one NAME is required, got 0')
  const image = p.flags.get('image')
  if (!image) throw new NativeError(['error: required flag(s) "image" not set'])
  const replicas = int32Flag(p, 'replicas', 'r', 'create deployment') ?? 1
  const containerPort = port(p, 'port', 'create deployment')
  const command = p.words.slice(p.beforeDash)
  const labels = { app: name }
  return JSON.stringify({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          containers: [
            {
              name: containerName(image),
              image,
              ...(command.length ? { command } : {}),
              ...(containerPort ? { ports: [{ containerPort }] } : {}),
              resources: {},
            },
          ],
        },
      },
    },
  })
}

/** kubectl run NAME --image=IMG [--port=P] [--labels=k=v,…] [--restart=…] [--command] [-- ARGS…] */
export function runPodManifest(p: Parsed): string {
  const name = p.words[0]
  if (name === undefined || p.beforeDash < 1) throw usage('run', 'NAME is required for run')
  const image = p.flags.get('image')
  if (!image) throw new NativeError(['error: --image is required'])
  const restart = p.flags.get('restart') ?? 'Always'
  if (!['Always', 'OnFailure', 'Never'].includes(restart))
    throw new NativeError([`error: invalid restart policy: ${restart}`])
  // Own properties whatever the key (`__proto__` too): the API server judges the keys.
  const labels = Object.fromEntries(
    (p.flags.get('labels') ?? `run=${name}`)
      .split(',')
      .filter(Boolean)
      .map((pair) => {
        const [k, v] = pair.split('=')
        return [k!, v ?? '']
      }),
  )
  const containerPort = port(p, 'port', 'run')
  const rest = p.words.slice(p.beforeDash)
  const asCommand = p.flags.get('command') === 'true'
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels },
    spec: {
      containers: [
        {
          name,
          image,
          ...(rest.length ? (asCommand ? { command: rest } : { args: rest }) : {}),
          ...(containerPort ? { ports: [{ containerPort }] } : {}),
          resources: {},
        },
      ],
      restartPolicy: restart,
    },
  })
}

type Dict = Record<string, unknown>
const dictAt = (o: unknown, ...path: string[]): Dict =>
  path.reduce<Dict>((d, k) => (d[k] && typeof d[k] === 'object' ? d[k] : {}) as Dict, (o ?? {}) as Dict)

/** What expose reads of its target: the selector and, for introspection, the first container port. */
function exposable(obj: Dict, kind: string): { selector: Dict; port?: number } {
  const firstPort = (spec: Dict) =>
    ((spec.containers as Dict[] | undefined)?.[0]?.ports as Dict[] | undefined)?.[0]?.containerPort as
      number | undefined
  if (kind === 'Pod')
    return { selector: dictAt(obj, 'metadata', 'labels'), port: firstPort(dictAt(obj, 'spec')) }
  if (kind === 'Service') {
    const ports = dictAt(obj, 'spec').ports as Dict[] | undefined
    return { selector: dictAt(obj, 'spec', 'selector'), port: ports?.[0]?.port as number | undefined }
  }
  return {
    selector: dictAt(obj, 'spec', 'selector', 'matchLabels'),
    port: firstPort(dictAt(obj, 'spec', 'template', 'spec')),
  }
}

const EXPOSABLE = new Set(['Pod', 'Service', 'Deployment', 'ReplicaSet'])

/** kubectl expose TYPE NAME [--port=P] [--target-port=T] [--type=…] [--name=N] [--protocol=…] */
export function exposeManifest(
  view: Pick<LabView, 'kube'>,
  clusterId: string,
  p: Parsed,
  ns: string,
): string {
  const [typeWord, nameWord] = p.words
  const slash = typeWord?.indexOf('/') ?? -1
  const [kindWord, name] =
    slash > 0 ? [typeWord!.slice(0, slash), typeWord!.slice(slash + 1)] : [typeWord, nameWord]
  if (!kindWord || !name)
    throw usage('expose', 'You must provide one or more resources by argument or filename.')
  const type = findResourceType(kindWord)
  if (!type) throw new NativeError([`error: the server doesn't have a resource type "${kindWord}"`])
  if (!EXPOSABLE.has(type.kind)) throw new NativeError([`error: cannot expose a ${type.kind}`])
  const obj = getKube<Dict>(view, clusterId, type.kind, ns, name)
  if (!obj) {
    const group = kindInfo(type.kind)?.apiVersion.includes('/') ? `.${type.group}` : ''
    throw new NativeError([
      `Error from server (NotFound): ${pluralOf(type.kind)}${group} "${name}" not found`,
    ])
  }
  const { selector, port: introspected } = exposable(obj, type.kind)
  if (!Object.keys(selector).length)
    throw new NativeError([
      `error: couldn't retrieve selectors via --selector flag or introspection: the ${type.singular} has no selector`,
    ])
  const servicePort = port(p, 'port', 'expose') ?? introspected
  if (servicePort === undefined) throw usage('expose', "couldn't find port via --port flag or introspection")
  const target = p.flags.get('target-port')
  const svcType = p.flags.get('type')
  const labels = labelsOf(obj as never)
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: p.flags.get('name') ?? name, ...(labels ? { labels } : {}) },
    spec: {
      ports: [
        {
          port: servicePort,
          protocol: p.flags.get('protocol') ?? 'TCP',
          ...(target ? { targetPort: /^\d+$/.test(target) ? Number(target) : target } : {}),
        },
      ],
      selector,
      ...(svcType ? { type: svcType } : {}),
    },
  })
}
