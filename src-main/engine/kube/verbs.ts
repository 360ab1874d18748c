import type { Command } from '@shared/commands'
import type { KubeObject } from '@shared/contract'
import { fail } from '@shared/errors'
import { labelsMatch } from '@shared/kube'
import { kindFromType, kindInfo, pluralOf, resourceLabel } from '@shared/kube-kinds'
import { goPrint } from '@shared/kube-decode'
import {
  applyMergePatch,
  canonicalJson,
  isObject,
  parseManifest,
  type JsonObject,
} from '@shared/kube-manifest'
import { INT32_MAX, scaleOverflowError } from '@shared/kube-scale'
import { FILE_TOKEN, type KubeCommandResult, type KubeObjectResult } from '@shared/kube-results'
import type { Tx } from '../core/tx'
import { asDocError, checkDocument, resultsOrRefusal, updateStored, workloadCluster } from './apply'
import { reconcile } from './controllers'
import { deleteWithDependents } from './gc'
import { getObject, listObjects } from './store'
import { deleteProtected } from './storage'

// kubectl delete / scale / patch. Deleting an owner deletes its dependents (garbage collection
// through ownerReferences, background propagation done at once); a StatefulSet's PVCs are not its
// dependents and stay.

type Delete = Extract<Command, { type: 'kube.delete' }>
type Scale = Extract<Command, { type: 'kube.scale' }>
type Patch = Extract<Command, { type: 'kube.patch' }>

const o = (v: unknown): JsonObject => (isObject(v) ? v : {})

function kindOrFail(type: string): string {
  const info = kindFromType(type)
  if (!info)
    return fail(
      'KubeUnknownResource',
      `error: the server doesn't have a resource type "${type}"`,
      'InvalidArgument',
      type,
    )
  return info.kind
}

const notFound = (kind: string, name: string) =>
  `Error from server (NotFound): ${pluralOf(kind)}${kindInfo(kind)?.apiVersion.includes('/') ? `.${kindInfo(kind)!.apiVersion.split('/')[0]}` : ''} "${name}" not found`

/** `app=demo,tier!=web` → matchLabels (equality only, which is what the lab's selectors use). */
function parseSelector(text: string): Record<string, string> {
  // Own properties whatever the key: `-l __proto__=x` selects what carries that label, nothing else.
  return Object.fromEntries(
    text
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .map((part) => {
        const [k, v] = part.split(/==?/)
        return [k!.trim(), (v ?? '').trim()]
      }),
  )
}

function deleted(kind: string, name: string, namespace: string | null): KubeObjectResult {
  return { kind, name, namespace, resource: resourceLabel(kind), action: 'deleted' }
}

export function deleteObjects(tx: Tx, cmd: Delete): KubeCommandResult {
  const clusterId = workloadCluster(tx, cmd.cluster)
  const results: KubeObjectResult[] = []
  const remove = (kind: string, ns: string, name: string) => {
    const namespaced = kindInfo(kind)?.namespaced ?? true
    const obj = getObject<KubeObject>(tx, clusterId, kind, namespaced ? ns : '', name)
    if (!obj)
      return results.push({
        kind,
        name,
        namespace: ns,
        resource: resourceLabel(kind),
        error: notFound(kind, name),
      })
    // A claim in use or a bound PV stays, Terminating, until its protection finalizer goes.
    if (!deleteProtected(tx, clusterId, obj))
      deleteWithDependents(tx, clusterId, obj, cmd.gracePeriod ?? undefined)
    return results.push(deleted(kind, name, namespaced ? ns : null))
  }
  if (cmd.manifest !== null) {
    let docs: JsonObject[]
    try {
      docs = parseManifest(cmd.manifest)
    } catch (e) {
      return fail(
        'KubeManifestInvalid',
        `error: error parsing ${FILE_TOKEN}: ${(e as Error).message}`,
        'InvalidData',
      )
    }
    for (const doc of docs)
      try {
        const { kind, name, ns } = checkDocument(doc, cmd.namespace)
        remove(kind, ns, name)
      } catch (e) {
        const message = asDocError(e)
        if (message === null) throw e
        results.push({
          kind: String(doc.kind ?? ''),
          name: String(o(doc.metadata).name ?? ''),
          namespace: null,
          resource: '',
          error: message,
        })
      }
  } else {
    if (!cmd.kind)
      return fail(
        'KubeDeleteArgs',
        'error: You must provide one or more resources by argument or filename.',
        'InvalidArgument',
      )
    const kind = kindOrFail(cmd.kind)
    const ns = cmd.namespace ?? 'default'
    if (cmd.name !== null) remove(kind, ns, cmd.name)
    else if (cmd.selector !== null) {
      const selector = parseSelector(cmd.selector)
      const namespaced = kindInfo(kind)?.namespaced ?? true
      for (const obj of listObjects<KubeObject>(tx, clusterId, {
        kind,
        ...(namespaced ? { namespace: ns } : {}),
      }))
        if (labelsMatch(obj.metadata.labels as Record<string, string> | undefined, selector))
          remove(kind, ns, obj.metadata.name)
    } else
      return fail(
        'KubeDeleteArgs',
        'error: resource(s) were provided, but no name was specified',
        'InvalidArgument',
      )
  }
  const outcome = resultsOrRefusal(results)
  reconcile(tx, clusterId)
  return outcome
}

const SCALABLE = new Set(['Deployment', 'ReplicaSet', 'StatefulSet'])

export function scaleObject(tx: Tx, cmd: Scale): KubeCommandResult {
  const clusterId = workloadCluster(tx, cmd.cluster)
  const kind = kindOrFail(cmd.kind)
  if (!SCALABLE.has(kind))
    return fail(
      'KubeNotScalable',
      `error: no scaler has been implemented for {"${kindInfo(kind)?.apiVersion.split('/')[0] ?? ''}" "${kind}"}`,
      'InvalidOperation',
    )
  if (cmd.replicas < 0)
    return fail(
      'KubeScaleInvalid',
      'error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0',
      'InvalidArgument',
    )
  const obj = getObject<KubeObject>(tx, clusterId, kind, cmd.namespace, cmd.name)
  if (!obj) return fail('KubeNotFound', notFound(kind, cmd.name), 'ObjectNotFound', cmd.name)
  const stored = obj as unknown as JsonObject
  if (cmd.replicas > INT32_MAX)
    return fail('KubeInvalid', scaleOverflowError(stored, String(cmd.replicas)), 'InvalidData', cmd.name)
  if (o(stored.spec).replicas !== cmd.replicas)
    updateStored(
      tx,
      clusterId,
      stored,
      { ...stored, spec: { ...o(stored.spec), replicas: cmd.replicas } },
      { style: 'json', shown: canonicalJson({ spec: { replicas: cmd.replicas } }) },
    )
  reconcile(tx, clusterId)
  return {
    results: [
      { kind, name: cmd.name, namespace: cmd.namespace, resource: resourceLabel(kind), action: 'scaled' },
    ],
  }
}

export function patchObject(tx: Tx, cmd: Patch): KubeCommandResult {
  const clusterId = workloadCluster(tx, cmd.cluster)
  const kind = kindOrFail(cmd.kind)
  const ns = kindInfo(kind)?.namespaced ? (cmd.namespace ?? 'default') : ''
  const obj = getObject<KubeObject>(tx, clusterId, kind, ns, cmd.name)
  if (!obj) return fail('KubeNotFound', notFound(kind, cmd.name), 'ObjectNotFound', cmd.name)
  let patch: unknown
  try {
    patch = JSON.parse(cmd.patch)
  } catch (e) {
    return fail(
      'KubePatchInvalid',
      `error: unable to parse "${cmd.patch}": ${(e as Error).message}`,
      'InvalidArgument',
    )
  }
  if (!isObject(patch))
    return fail(
      'KubePatchInvalid',
      `error: unable to parse "${cmd.patch}": not a JSON object`,
      'InvalidArgument',
    )
  const stored = obj as unknown as JsonObject
  // The object's identity stays; a patch can change labels, annotations, spec, but not kind or name.
  const merged = o(applyMergePatch(stored, patch as JsonObject))
  const next = {
    ...merged,
    kind: stored.kind,
    apiVersion: stored.apiVersion,
    metadata: {
      ...o(merged.metadata),
      name: o(stored.metadata).name,
      namespace: o(stored.metadata).namespace,
      uid: o(stored.metadata).uid,
    },
  }
  const base = { kind, name: cmd.name, namespace: ns || null, resource: resourceLabel(kind) }
  if (JSON.stringify(next) === JSON.stringify(stored))
    return { results: [{ ...base, action: 'patched', warning: '(no change)' }] }
  // A strategic merge patch's result is read by the converter, and the error shows the patch; a
  // merge patch's by the JSON decoder, and the error shows the patched object.
  const via =
    cmd.patchType === 'strategic'
      ? { style: 'converter' as const, shown: goPrint(patch as JsonObject) }
      : { style: 'json' as const, shown: canonicalJson(next) }
  try {
    updateStored(tx, clusterId, stored, next as JsonObject, via)
  } catch (e) {
    const message = asDocError(e)
    if (message === null) throw e
    return fail('KubeInvalid', message, 'InvalidData', cmd.name)
  }
  reconcile(tx, clusterId)
  return { results: [{ ...base, action: 'patched' }] }
}
