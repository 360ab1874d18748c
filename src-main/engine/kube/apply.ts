import type { Command } from '@shared/commands'
import { fail } from '@shared/errors'
import { clusterIdByName } from '@shared/kube'
import { kindInfo, pluralOf, resourceLabel } from '@shared/kube-kinds'
import {
  applyMergePatch,
  canonicalJson,
  createMergePatch,
  isObject,
  LAST_APPLIED,
  parseManifest,
  type JsonObject,
} from '@shared/kube-manifest'
import { goPrint } from '@shared/kube-decode'
import { decodeObject, type DecodeStyle } from '@shared/kube-decode'
import { schemaError } from '@shared/kube-openapi-check'
import { FILE_TOKEN, type KubeCommandResult, type KubeObjectResult } from '@shared/kube-results'
import { validateObject, validateUpdate } from '@shared/kube-validate'
import type { KubeObject } from '@shared/contract'
import type { Tx } from '../core/tx'
import { reconcile } from './controllers'
import { withDefaults } from './defaults'
import { getObject, putObject } from './store'
import { allocateService } from './services'

// kubectl apply -f / create -f. Documents are independent, like kubectl sends them one by one: every
// check of a document runs before anything of it is written, so a bad document is reported in the
// results and leaves nothing behind while the good ones around it are applied. The command itself
// fails when the text cannot be parsed at all, or when every document was refused (it changed
// nothing, so nothing of it is kept in the lab's log).

type Apply = Extract<Command, { type: 'kube.apply' }>
const o = (v: unknown): JsonObject => (isObject(v) ? v : {})

export function workloadCluster(tx: Tx, name: string): string {
  const id = clusterIdByName(tx.state, name)
  const cluster = id ? tx.get('aksClusters', id) : undefined
  if (!id || !cluster || !tx.get('kube', `${id}/Namespace//default`))
    return fail(
      'KubeClusterUnreachable',
      `Unable to connect to the server: the workload cluster '${name}' is not running.`,
      'ResourceUnavailable',
      name,
    )
  return id
}

export function invalid(kind: string, name: string, errors: string[]): string {
  const body = errors.length === 1 ? errors[0]! : `\n* ${errors.join('\n* ')}`
  return `The ${kind} "${name}" is invalid: ${body}`
}

/** The namespace a document lands in, or kubectl's error when the document and -n disagree. */
function namespaceOf(doc: JsonObject, flag: string | null): string {
  const own = o(doc.metadata).namespace
  if (typeof own === 'string' && own) {
    if (flag && flag !== own)
      throw new DocError(
        `error: the namespace from the provided object "${own}" does not match the namespace "${flag}". You must pass '--namespace=${own}' to perform this operation.`,
      )
    return own
  }
  return flag ?? 'default'
}

class DocError extends Error {}

/** The document's identity and kind checks (kubectl's client side and the REST mapping). */
export function checkDocument(doc: JsonObject, flagNs: string | null) {
  const name = typeof o(doc.metadata).name === 'string' ? (o(doc.metadata).name as string) : ''
  if (!doc.apiVersion || !doc.kind)
    throw new DocError(
      `error: error validating "${FILE_TOKEN}": error validating data: ${doc.apiVersion ? 'kind' : 'apiVersion'} not set; if you choose to ignore these errors, turn validation off with --validate=false`,
    )
  const kind = String(doc.kind)
  const info = kindInfo(kind)
  const namespaced = info?.namespaced ?? true
  const ns = namespaced ? namespaceOf(doc, flagNs) : ''
  if (!info || info.apiVersion !== doc.apiVersion || kind === 'Node')
    throw new DocError(
      `error: resource mapping not found for name: "${name}" namespace: "${namespaced ? (o(doc.metadata).namespace ?? '') : ''}" from "${FILE_TOKEN}": no matches for kind "${kind}" in version "${String(doc.apiVersion)}"\nensure CRDs are installed first`,
    )
  return { kind, name, ns, namespaced }
}

function applyOne(tx: Tx, clusterId: string, doc: JsonObject, cmd: Apply): KubeObjectResult {
  const { kind, name, ns, namespaced } = checkDocument(doc, cmd.namespace)
  const base = { kind, name, namespace: namespaced ? ns : null, resource: resourceLabel(kind) }
  const verb = 'creating'
  const invalidType = schemaError(doc, kind)
  if (invalidType !== null) throw new DocError(`error: error validating "${FILE_TOKEN}": ${invalidType}`)
  const meta = o(doc.metadata)
  // The annotation kubectl writes is kubectl's: a document's own copy of it is dropped.
  const { [LAST_APPLIED]: _ignored, ...annotations } = o(meta.annotations)
  void _ignored
  const config: JsonObject = {
    ...doc,
    metadata: { ...meta, annotations, ...(namespaced ? { namespace: ns } : {}) },
  }
  const lastApplied = cmd.mode === 'apply' ? `${canonicalJson(config)}\n` : undefined
  const existing = getObject<KubeObject>(tx, clusterId, kind, ns, name)
  const withAnnotation = (x: JsonObject, ann: Record<string, string>): JsonObject => {
    const m = o(x.metadata)
    const all = { ...(o(m.annotations) as Record<string, string>), ...ann }
    const { annotations: _old, ...rest } = m
    void _old
    return { ...x, metadata: Object.keys(all).length ? { ...rest, annotations: all } : rest }
  }
  if (!existing || cmd.mode === 'create') {
    // The server's order: decoding, validation, the namespace (admission), then storage.
    const decoded = decodeObject(config, kind)
    if (!decoded.ok)
      throw new DocError(
        `Error from server (BadRequest): error when ${verb} "${FILE_TOKEN}": ${kind} in version "${version(doc)}" cannot be handled as a ${kind}: ${decoded.message}`,
      )
    // What kubectl sends carries its last-applied annotation: the annotations' size counts it.
    const object = withAnnotation(decoded.object, lastApplied ? { [LAST_APPLIED]: lastApplied } : {})
    const errors = validateObject(object)
    if (errors.length) throw new DocError(invalid(kind, name, errors))
    if (namespaced && !getObject(tx, clusterId, 'Namespace', '', ns))
      throw new DocError(
        `Error from server (NotFound): error when ${verb} "${FILE_TOKEN}": namespaces "${ns}" not found`,
      )
    if (existing)
      throw new DocError(
        `Error from server (AlreadyExists): error when creating "${FILE_TOKEN}": ${pluralOf(kind)} "${name}" already exists`,
      )
    // A Job's generated selector names its uid: the uid putObject would draw, drawn first.
    if (kind === 'Job') object.metadata = { ...o(object.metadata), uid: tx.rng.guid() }
    let created = withDefaults(object)
    if (kind === 'Service') {
      const svc = allocateService(tx, clusterId, created)
      if (typeof svc === 'string') throw new DocError(invalid(kind, name, [svc]))
      created = svc
    }
    putObject(tx, clusterId, created as unknown as KubeObject)
    return { ...base, action: 'created' }
  }
  const stored = existing as unknown as JsonObject
  const previous = o(o(stored.metadata).annotations)[LAST_APPLIED]
  if (previous === lastApplied) return { ...base, action: 'unchanged' }
  const warning =
    typeof previous === 'string'
      ? undefined
      : `Warning: resource ${pluralOf(kind)}/${name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.`
  const original = typeof previous === 'string' ? o(JSON.parse(previous)) : {}
  const patch = createMergePatch(original, config)
  const sent = withAnnotation(patch, { [LAST_APPLIED]: lastApplied! })
  // kubectl apply sends a strategic merge patch: the server reads its result with the converter.
  updateStored(tx, clusterId, stored, o(applyMergePatch(stored, sent)), {
    style: 'converter',
    shown: goPrint(sent),
  })
  return { ...base, action: 'configured', ...(warning ? { warning } : {}) }
}

/**
 * How an update reached the server, for the words of a decoding error: the decoder that read it
 * and what the error shows as the invalid value (the patch, or the patched object).
 */
export interface UpdateVia {
  style: DecodeStyle
  shown: string
}

/** Decodes, validates and stores an update of `stored` (apply, patch, scale); throws the document's error. */
export function updateStored(
  tx: Tx,
  clusterId: string,
  stored: JsonObject,
  merged: JsonObject,
  via: UpdateVia,
): JsonObject {
  const kind = String(stored.kind)
  const name = String(o(stored.metadata).name)
  const decoded = decodeObject(merged, kind, via.style)
  if (!decoded.ok)
    throw new DocError(
      `The request is invalid: patch: Invalid value: ${JSON.stringify(via.shown)}: ${decoded.message}`,
    )
  const next = withDefaults(decoded.object)
  const errors = [...validateObject(next), ...validateUpdate(stored, next)]
  if (errors.length) throw new DocError(invalid(kind, name, errors))
  const specChanged = canonicalJson(stored.spec) !== canonicalJson(next.spec)
  const meta = o(next.metadata)
  const generation = typeof meta.generation === 'number' ? meta.generation + (specChanged ? 1 : 0) : undefined
  const out = { ...next, metadata: { ...meta, ...(generation ? { generation } : {}) } }
  putObject(tx, clusterId, out as unknown as KubeObject)
  return out
}

/** `apps/v1` → `v1`: the version the API server names in its decoding errors. */
const version = (doc: JsonObject) => String(doc.apiVersion).split('/').pop()

/** A command whose every document or object was refused changed nothing: it fails as a whole. */
export function resultsOrRefusal(results: KubeObjectResult[]): KubeCommandResult {
  if (results.length > 0 && results.every((r) => r.error !== undefined))
    fail('KubeRefused', results.map((r) => r.error).join('\n'), 'InvalidData')
  return { results }
}

export function asDocError(e: unknown): string | null {
  return e instanceof DocError ? e.message : null
}

export function docError(message: string): never {
  throw new DocError(message)
}

export function applyManifest(tx: Tx, cmd: Apply): KubeCommandResult {
  const clusterId = workloadCluster(tx, cmd.cluster)
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
  if (!docs.length) return fail('KubeManifestEmpty', `error: no objects passed to ${cmd.mode}`, 'InvalidData')
  const results: KubeObjectResult[] = []
  for (const doc of docs) {
    try {
      results.push(applyOne(tx, clusterId, doc, cmd))
    } catch (e) {
      const message = asDocError(e)
      if (message === null) throw e
      const kind = typeof doc.kind === 'string' ? doc.kind : ''
      const name = typeof o(doc.metadata).name === 'string' ? String(o(doc.metadata).name) : ''
      results.push({ kind, name, namespace: null, resource: resourceLabel(kind), error: message })
    }
  }
  const outcome = resultsOrRefusal(results)
  reconcile(tx, clusterId)
  return outcome
}
