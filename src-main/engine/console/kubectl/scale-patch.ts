import type { KubeObject } from '@shared/contract'
import { getKube } from '@shared/kube'
import type { JsonObject } from '@shared/kube-manifest'
import { INT32_MAX, scaleOverflowError } from '@shared/kube-scale'
import { NativeError } from '../errors'
import type { NativeContext } from '../registry'
import type { Parsed } from './args'
import { groupResource, namespaceFlag, noResources, print, run, target } from './mutate'
import { currentCluster } from './store'

// kubectl scale and patch: the flags checked as kubectl checks them, then one engine command per
// object, printed as kubectl prints the server's answer.

export function kubectlScale(ctx: NativeContext, p: Parsed) {
  const cluster = currentCluster(ctx.state())
  const replicas = p.flags.get('replicas')
  if (replicas === undefined) throw new NativeError(['error: required flag(s) "replicas" not set'])
  const n = Number(replicas)
  // The flag is a Go int: strconv.ParseInt's syntax and range.
  const reason = !/^[-+]?\d+$/.test(replicas)
    ? 'invalid syntax'
    : BigInt(replicas) >= 2n ** 63n || BigInt(replicas) < -(2n ** 63n)
      ? 'value out of range'
      : null
  if (reason !== null)
    throw new NativeError([
      `Error: invalid argument "${replicas}" for "--replicas" flag: strconv.ParseInt: parsing "${replicas}": ${reason}`,
      "See 'kubectl scale --help' for usage.",
    ])
  if (n < 0)
    throw new NativeError([
      'error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0',
    ])
  if (p.words.length === 0) throw noResources()
  const { kind, names } = target(p.words, 'kubectl scale')
  if (names.length === 0)
    throw new NativeError(['error: resource(s) were provided, but no name was specified'])
  const out: string[] = []
  const namespace = p.flags.get('namespace') ?? 'default'
  for (const name of names) {
    // Beyond an int32 the server refuses the Scale whatever the object; the number is kept exact.
    if (BigInt(replicas) > INT32_MAX) {
      const obj = getKube<KubeObject>(ctx.state(), cluster.id, kind, namespace, name)
      if (!obj)
        throw new NativeError(
          [`Error from server (NotFound): ${groupResource(kind)} "${name}" not found`],
          out,
        )
      const error = scaleOverflowError(obj as unknown as JsonObject, BigInt(replicas).toString())
      throw new NativeError([error], out)
    }
    const results = run(ctx, {
      type: 'kube.scale',
      cluster: cluster.name,
      namespace,
      kind,
      name,
      replicas: n,
    })
    out.push(...print(results, 'STDIN', (r) => `${r.resource}/${r.name} scaled`))
  }
  return out
}

export function kubectlPatch(ctx: NativeContext, p: Parsed) {
  const cluster = currentCluster(ctx.state())
  const patch = p.flags.get('patch')
  if (patch === undefined)
    throw new NativeError([
      'error: must specify --patch or --patch-file containing the contents of the patch',
    ])
  const type = p.flags.get('type') ?? 'strategic'
  if (!['json', 'merge', 'strategic'].includes(type))
    throw new NativeError([`error: --type must be one of [json merge strategic], not "${type}"`])
  // The engine applies JSON merge patches; for the maps and scalars people patch (replicas, labels,
  // images by container name aside) a strategic merge patch means the same.
  if (type === 'json')
    throw new NativeError(["error: HCI Lab's kubectl applies merge patches only: use --type merge"])
  if (p.words.length === 0) throw noResources()
  const { kind, names } = target(p.words, 'kubectl patch')
  const [name] = names
  if (name === undefined)
    throw new NativeError(['error: resource(s) were provided, but no name was specified'])
  const results = run(ctx, {
    type: 'kube.patch',
    cluster: cluster.name,
    namespace: namespaceFlag(p),
    kind,
    name,
    patch,
    patchType: type === 'merge' ? 'merge' : 'strategic',
  })
  return print(results, 'STDIN', (r) =>
    r.action === 'unchanged'
      ? `${r.resource}/${r.name} patched (no change)`
      : `${r.resource}/${r.name} patched`,
  )
}
