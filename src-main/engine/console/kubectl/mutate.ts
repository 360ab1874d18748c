import type { CommandInput } from '@shared/commands'
import { withFile, type KubeCommandResult, type KubeObjectResult } from '@shared/kube-results'
import { kindInfo, pluralOf } from '@shared/kube-kinds'
import { isObject, parseManifest, type JsonObject } from '@shared/kube-manifest'
import { NativeError, PsError } from '../errors'
import type { NativeContext } from '../registry'
import { toText, type PsValue } from '../values'
import { usageError, type Parsed } from './args'
import {
  createConfigMapManifest,
  createDeploymentManifest,
  createNamespaceManifest,
  createSecretManifest,
  exposeManifest,
  runPodManifest,
} from './generators'
import { createJobManifest } from './jobs'
import { findResourceType } from './resources'
import { currentCluster } from './store'

// kubectl apply|create -f, delete, scale, patch: the words become one engine command on the current
// context's cluster; the engine answers one result per document or object, printed as kubectl
// prints them. Good documents print on stdout; any failed one turns the command into a failure
// (exit code 1) after the others, as kubectl goes on past a bad document and exits 1 at the end.

const o = (v: unknown): JsonObject => (isObject(v) ? v : {})

interface Source {
  text: string
  file: string // as kubectl names it in errors: the path as typed, or STDIN
}

/** `-f FILE`: the prompt's folder, then the host's disk; `-f -` is the pipeline's input. */
function readSource(ctx: NativeContext, p: Parsed, input: PsValue[], verb: string): Source {
  const path = p.flags.get('filename')
  if (path === undefined) {
    if (verb === 'delete') throw noResources()
    throw new NativeError(['error: must specify one of -f and -k'])
  }
  if (path === '-') return { text: input.map(toText).join('\n'), file: 'STDIN' }
  const text = ctx.readFile(path)
  if (text === null) throw new NativeError([`error: the path "${path}" does not exist`])
  return { text, file: path }
}

export function noResources(): NativeError {
  return new NativeError([
    'error: You must provide one or more resources by argument or filename.',
    'Example resource specifications include:',
    "   '-f rsrc.yaml'",
    "   '--filename=rsrc.json'",
    "   '<resource> <name>'",
    "   '<resource>'",
  ])
}

/**
 * The engine's answer, one result per document or object. A command whose every document was
 * refused fails in the engine (so the lab keeps no trace of it) and prints like the refused
 * documents; other whole-command refusals (cluster unreachable, bad YAML) print as kubectl's text.
 */
export function run(ctx: NativeContext, command: CommandInput, file = 'STDIN'): KubeObjectResult[] {
  try {
    return (ctx.dispatch(command) as KubeCommandResult).results
  } catch (e) {
    if (!(e instanceof PsError)) throw e
    const message = e.record.message
    if (e.record.errorId === 'KubeRefused')
      return [{ kind: '', name: '', namespace: null, resource: '', error: message }]
    throw new NativeError([withFile(message, file)])
  }
}

export function print(
  results: KubeObjectResult[],
  file: string,
  line: (r: KubeObjectResult) => string,
): string[] {
  const out: string[] = []
  const errors: string[] = []
  for (const r of results) {
    if (r.warning) out.push(r.warning)
    if (r.error) errors.push(withFile(r.error, file))
    else out.push(line(r))
  }
  if (errors.length > 0) throw new NativeError(errors, out)
  return out
}

export const namespaceFlag = (p: Parsed) => p.flags.get('namespace') ?? null

export function kubectlApply(ctx: NativeContext, p: Parsed, input: PsValue[], mode: 'apply' | 'create') {
  const cluster = currentCluster(ctx.state())
  if (mode === 'create' && p.flags.get('filename') === undefined) {
    if (p.words[0] === 'job') return generate(ctx, p, createJobManifest(p), 'created', 'job')
    if (p.words[0] === 'namespace' || p.words[0] === 'ns')
      return generate(ctx, p, createNamespaceManifest(p), 'created')
    if (p.words[0] === 'configmap' || p.words[0] === 'cm')
      return generate(ctx, p, createConfigMapManifest(p), 'created')
    if (p.words[0] === 'secret') return generate(ctx, p, createSecretManifest(p), 'created')
    if (p.words[0] === 'deployment' || p.words[0] === 'deploy')
      return generate(ctx, p, createDeploymentManifest(p), 'created', 'deployment')
  }
  const src = readSource(ctx, p, input, mode)
  const results = run(
    ctx,
    { type: 'kube.apply', cluster: cluster.name, manifest: src.text, mode, namespace: namespaceFlag(p) },
    src.file,
  )
  return print(results, src.file, (r) => `${r.resource}/${r.name} ${r.action}`)
}

/** `deployments.apps`, `pods`: how the API server names a kind's resource in its errors. */
export function groupResource(kind: string): string {
  const info = kindInfo(kind)
  const group = info?.apiVersion.includes('/') ? `.${info.apiVersion.split('/')[0]}` : ''
  return `${pluralOf(kind)}${group}`
}

/**
 * A generator's object (create job|deployment, run, expose), created: kubectl's line for it, or
 * its AlreadyExists error (`failedTo`: create's "failed to create deployment: …" wording).
 */
function generate(
  ctx: NativeContext,
  p: Parsed,
  manifest: string,
  action: string,
  failedTo?: string,
): string[] {
  const cluster = currentCluster(ctx.state()).name
  const command = { type: 'kube.apply' as const, cluster, manifest, mode: 'create' as const }
  const results = run(ctx, { ...command, namespace: namespaceFlag(p) })
  const error = results.find((r) => r.error !== undefined)?.error
  if (error === undefined) return print(results, 'STDIN', (r) => `${r.resource}/${r.name} ${action}`)
  // The generator's one object: its kind and name, also when the engine refused the whole command.
  const [object] = parseManifest(manifest)
  const kind = String(object!.kind)
  const name = String(o(object!.metadata).name)
  const what = `${groupResource(kind)} "${name}" already exists`
  if (error.includes('(AlreadyExists)'))
    throw new NativeError([
      failedTo
        ? `error: failed to create ${failedTo}: ${what}`
        : `Error from server (AlreadyExists): ${what}`,
    ])
  // create job|deployment wrap the server's error in their own words: its Status message, as is.
  const invalid = `The ${kind} "${name}" is invalid: `
  if (failedTo && error.startsWith(invalid)) {
    const body = error.slice(invalid.length)
    const causes = body.startsWith('\n* ') ? `[${body.slice(3).split('\n* ').join(', ')}]` : body
    throw new NativeError([
      `error: failed to create ${failedTo}: ${qualifiedKind(kind)} "${name}" is invalid: ${causes}`,
    ])
  }
  return print(results, 'STDIN', (r) => `${r.resource}/${r.name} ${action}`)
}

/** `Deployment.apps`, `Pod`: a kind with its group, as the API server's Status messages name it. */
function qualifiedKind(kind: string): string {
  const group = kindInfo(kind)?.apiVersion.split('/')
  return group && group.length === 2 ? `${kind}.${group[0]}` : kind
}

/** kubectl run NAME --image=IMG …: a pod. */
export function kubectlRun(ctx: NativeContext, p: Parsed): string[] {
  return generate(ctx, p, runPodManifest(p), 'created')
}

/** kubectl expose TYPE NAME --port=P …: a Service selecting the object's pods. */
export function kubectlExpose(ctx: NativeContext, p: Parsed): string[] {
  const state = ctx.state()
  const cluster = currentCluster(state)
  return generate(ctx, p, exposeManifest(state, cluster.id, p, namespaceFlag(p) ?? 'default'), 'exposed')
}

/** `TYPE NAME…`, `TYPE/NAME…`: the kind and the names, as kubectl's resource builder reads them. */
export function target(words: string[], verb: string): { kind: string; names: string[] } {
  const [first, ...rest] = words
  if (first === undefined) throw usageError(`resource(s) were provided, but no name was specified`, verb)
  const slash = first.indexOf('/')
  const typeWord = slash >= 0 ? first.slice(0, slash) : first
  const type = findResourceType(typeWord)
  if (!type) throw new NativeError([`error: the server doesn't have a resource type "${typeWord}"`])
  const names = slash >= 0 ? [first.slice(slash + 1), ...rest.map((w) => w.replace(/^[^/]*\//, ''))] : rest
  return { kind: type.kind, names }
}

/** --grace-period, --now and --force as kubectl's delete.go reads them; null: each pod's own. */
export function gracePeriod(p: Parsed): number | null {
  const text = p.flags.get('grace-period') ?? '-1'
  if (!/^-?\d+$/.test(text))
    throw new NativeError([
      `Error: invalid argument "${text}" for "--grace-period" flag: strconv.ParseInt: parsing "${text}": invalid syntax`,
      "See 'kubectl delete --help' for usage.",
    ])
  let grace = Number(text)
  const force = p.flags.get('force') === 'true'
  if (p.flags.get('now') === 'true') {
    if (grace !== -1) throw new NativeError(['error: --now and --grace-period cannot be specified together'])
    grace = 1
  }
  // Backwards compatible: --grace-period=0 without --force means 1.
  if (grace === 0 && !force) grace = 1
  if (force && grace < 0) grace = 0
  return grace < 0 ? null : grace
}

export function kubectlDelete(ctx: NativeContext, p: Parsed, input: PsValue[]) {
  const cluster = currentCluster(ctx.state())
  const grace = gracePeriod(p)
  const forced = grace === 0
  const line = (r: KubeObjectResult) => `${r.resource} "${r.name}" ${forced ? 'force deleted' : 'deleted'}`
  const base = {
    type: 'kube.delete' as const,
    cluster: cluster.name,
    namespace: namespaceFlag(p),
    gracePeriod: grace,
  }
  const warning = forced
    ? [
        'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.',
      ]
    : []
  if (p.flags.has('filename')) {
    const src = readSource(ctx, p, input, 'delete')
    return [...warning, ...print(run(ctx, { ...base, manifest: src.text }, src.file), src.file, line)]
  }
  if (p.words.length === 0) throw noResources()
  const { kind, names } = target(p.words, 'kubectl delete')
  const selector = p.flags.get('selector')
  if (names.length === 0 && selector === undefined)
    throw new NativeError(['error: resource(s) were provided, but no name was specified'])
  const out: string[] = []
  const errors: string[] = []
  const requests = names.length > 0 ? names.map((name) => ({ name })) : [{ selector: selector ?? '' }]
  for (const req of requests) {
    try {
      out.push(...print(run(ctx, { ...base, kind, ...req }), 'STDIN', line))
    } catch (e) {
      if (!(e instanceof NativeError)) throw e
      out.push(...e.output)
      errors.push(...e.lines)
    }
  }
  if (out.length === 0 && errors.length === 0)
    return [`No resources found in ${p.flags.get('namespace') ?? 'default'} namespace.`]
  if (errors.length > 0) throw new NativeError(errors, [...warning, ...out])
  return [...warning, ...out]
}
