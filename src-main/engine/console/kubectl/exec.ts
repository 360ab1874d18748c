import type { KubeObject } from '@shared/contract'
import type { Container } from 'kubernetes-types/core/v1'
import { getKube } from '@shared/kube'
import { commandRun, renderOutput } from '@shared/kube-commands'
import { listPodDir, podLogs, readPodFile } from '@shared/kube-storage'
import { kubectlRolloutRestart } from './set-image'
import { NativeError } from '../errors'
import type { NativeContext } from '../registry'
import { type Parsed } from './args'
import { at, list, str, type Dict } from '@shared/kube-fields'
import { findResourceType } from './resources'
import { rolloutStatus } from './rollout-status'
import { currentCluster } from './store'

// kubectl logs, exec and rollout status. A container's files are those of its mounted volumes (the
// storage engine keeps what the demo app writes); its image has GNU coreutils, so cat and ls fail
// with their messages and exit codes. rollout status reports once: it does not wait on the clock.

const namespaceOf = (p: Parsed) => p.flags.get('namespace') ?? 'default'

function podNamed(ctx: NativeContext, p: Parsed, word: string | undefined, verb: string): KubeObject {
  if (word === undefined)
    throw new NativeError(
      verb === 'logs'
        ? [
            "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.",
            'POD or TYPE/NAME is a required argument for the logs command',
            "See 'kubectl logs -h' for help and examples",
          ]
        : ['error: pod, type/name or --filename must be specified'],
    )
  const name = word.replace(/^(pods?|po)\//i, '')
  const cluster = currentCluster(ctx.state())
  const pod = getKube(ctx.state(), cluster.id, 'Pod', namespaceOf(p), name)
  if (!pod) throw new NativeError([`Error from server (NotFound): pods "${name}" not found`])
  return pod
}

/** The container's state when it is not running yet: kubectl's BadRequest for logs. */
function waitingReason(status: Dict | undefined): string | null {
  if (status && (at(status, 'state.running') || at(status, 'state.terminated'))) return null
  return str(status, 'state.waiting.reason') || 'ContainerCreating'
}

/** The container `-c` names (app or init), else the first app container; with its status. */
function containerOf(pod: KubeObject, name: string | undefined): { c: Container; status?: Dict } {
  const pick = (specs: string, statuses: string) => {
    const all = list(pod, specs) as unknown as Container[]
    const i = name === undefined ? 0 : all.findIndex((c) => c.name === name)
    const status = list(pod, statuses).find((s) => str(s, 'name') === all[i]?.name)
    return i >= 0 && all[i] ? { c: all[i]!, status } : undefined
  }
  const found =
    pick('spec.containers', 'status.containerStatuses') ??
    (name === undefined ? undefined : pick('spec.initContainers', 'status.initContainerStatuses'))
  if (!found) throw new NativeError([`error: container ${name} is not valid for pod ${pod.metadata.name}`])
  return found
}

/** What a container's command printed (echo, date: kube-commands.ts), once it started. */
function commandLogs(c: Container, status: Dict | undefined): string[] {
  const started = str(status, 'state.running.startedAt') || str(status, 'state.terminated.startedAt')
  const run = started ? commandRun(c) : null
  return run ? renderOutput(run.output, started) : []
}

export function kubectlLogs(ctx: NativeContext, p: Parsed): string[] {
  const pod = podNamed(ctx, p, p.words[0], 'logs')
  const { c, status } = containerOf(pod, p.flags.get('container'))
  const waiting = waitingReason(status)
  if (waiting)
    throw new NativeError([
      `Error from server (BadRequest): container "${c.name}" in pod "${pod.metadata.name}" is waiting to start: ${waiting}`,
    ])
  const cluster = currentCluster(ctx.state())
  // The demo app's log lives in its volume; other containers print what their command says.
  const first = str(list(pod, 'spec.containers')[0], 'name') === c.name
  const text = first ? podLogs(ctx.state(), cluster.id, pod.metadata.name, namespaceOf(p)) : ''
  const lines = text === '' ? commandLogs(c, status) : text.replace(/\n$/, '').split('\n')
  const tail = p.flags.get('tail')
  return tail !== undefined && Number(tail) >= 0 ? lines.slice(lines.length - Number(tail)) : lines
}

export function kubectlExec(ctx: NativeContext, p: Parsed): string[] {
  const [podWord] = p.words
  const command = p.words.slice(p.beforeDash)
  if (p.beforeDash === p.words.length && p.words.length > 1)
    throw new NativeError([
      'error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead',
      "See 'kubectl exec -h' for help and examples",
    ])
  const pod = podNamed(ctx, p, p.beforeDash === 0 ? undefined : podWord, 'exec')
  if (command.length === 0)
    throw new NativeError(['error: you must specify at least one command for the container'])
  if (waitingReason(list(pod, 'status.containerStatuses')[0]))
    throw new NativeError([
      `error: unable to upgrade connection: container not found ("${str(list(pod, 'spec.containers')[0], 'name')}")`,
    ])
  const cluster = currentCluster(ctx.state())
  const ns = namespaceOf(p)
  const [program, ...args] = command
  const exit = (code: number, lines: string[]) =>
    new NativeError([...lines, `command terminated with exit code ${code}`])
  if (program === 'cat') {
    const out: string[] = []
    const errors: string[] = []
    for (const path of args) {
      const text = readPodFile(ctx.state(), cluster.id, pod.metadata.name, ns, path)
      if (text === null) errors.push(`cat: ${path}: No such file or directory`)
      else out.push(...text.replace(/\n$/, '').split('\n'))
    }
    if (errors.length > 0) throw new NativeError([...errors, 'command terminated with exit code 1'], out)
    return out
  }
  if (program === 'ls') {
    const paths = args.filter((a) => !a.startsWith('-'))
    const out: string[] = []
    for (const path of paths.length === 0 ? ['/'] : paths) {
      const names = listPodDir(ctx.state(), cluster.id, pod.metadata.name, ns, path)
      if (names === null) throw exit(2, [`ls: cannot access '${path}': No such file or directory`])
      if (paths.length > 1) out.push(`${path}:`)
      out.push(...names)
    }
    return out
  }
  throw exit(127, [
    `error: Internal error occurred: error executing command in container: failed to exec in container: ` +
      `failed to start exec: OCI runtime exec failed: exec failed: unable to start container process: ` +
      `exec: "${program}": executable file not found in $PATH: unknown`,
  ])
}

export function kubectlRollout(ctx: NativeContext, p: Parsed): string[] {
  const [sub, typeWord, nameWord] = p.words
  if (sub === 'restart') return kubectlRolloutRestart(ctx, p)
  if (sub !== 'status')
    throw new NativeError([
      sub === undefined
        ? 'error: rollout needs a subcommand'
        : `error: unknown command "${sub}" for "kubectl rollout"`,
      'HCI Lab supports: kubectl rollout status|restart deployment/NAME | daemonset/NAME | statefulset/NAME',
    ])
  const word = typeWord ?? ''
  const [t, n] = word.includes('/') ? word.split('/', 2) : [word, nameWord]
  const type = findResourceType(t ?? '')
  if (!type || n === undefined) throw new NativeError(['error: required resource not specified'])
  if (!['Deployment', 'DaemonSet', 'StatefulSet'].includes(type.kind))
    throw new NativeError([`error: no status viewer has been implemented for ${type.kind}`])
  const cluster = currentCluster(ctx.state())
  const o = getKube(ctx.state(), cluster.id, type.kind, namespaceOf(p), n)
  if (!o) throw new NativeError([`Error from server (NotFound): ${type.plural}.apps "${n}" not found`])
  return [rolloutStatus(o)]
}
