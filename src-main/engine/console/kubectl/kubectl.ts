import type { LabState } from '../../core/state'
import { NativeError } from '../errors'
import { kubectlCordon } from './cordon'
import { kubectlDrain } from './drain'
import { kubectlSetImage } from './set-image'
import { kubectlTop } from './top'
import { apiResources, apiVersions, authCanI } from './api-resources'
import type { NativeContext, NativeDef, Registry } from '../registry'
import { parseArgs, type Parsed } from './args'
import { kubectlDescribe } from './describe'
import { kubectlExec, kubectlLogs, kubectlRollout } from './exec'
import { kubectlApply, kubectlDelete, kubectlExpose, kubectlRun } from './mutate'
import { kubectlPatch, kubectlScale } from './scale-patch'
import { kubectlGet } from './get'
import { kubectlLabel } from './label'
import { RESOURCE_TYPES } from './resources'
import { currentCluster } from './store'
import { kubectlConfig } from './config'
import { HOME, homeFiles } from '../home'
import type { PsValue } from '../values'

// kubectl 1.32 against the lab's workload clusters: get, describe, apply, create, delete, scale,
// patch, logs, exec, rollout status, version, cluster-info, config (config.ts), api-resources.
// A native command: it parses its words as kubectl does.

export const CLIENT_VERSION = 'v1.32.4'
const KUSTOMIZE_VERSION = 'v5.5.0'

const GREEN = '\x1b[0;32m'
const YELLOW = '\x1b[0;33m'
const RESET = '\x1b[0m'

function version(state: Readonly<LabState>, p: Parsed): string[] {
  const client = [`Client Version: ${CLIENT_VERSION}`, `Kustomize Version: ${KUSTOMIZE_VERSION}`]
  if (p.flags.get('client') === 'true') return client
  const cluster = currentCluster(state)
  const server = cluster.kubernetesVersion
  const lines = [...client, `Server Version: ${server}`]
  const minor = (v: string) => Number(v.replace(/^v/, '').split('.')[1])
  const skew = Math.abs(minor(CLIENT_VERSION) - minor(server))
  if (skew > 1)
    lines.push(
      `WARNING: version difference between client (1.${minor(CLIENT_VERSION)}) and server (1.${minor(server)}) ` +
        'exceeds the supported minor version skew of +/-1',
    )
  return lines
}

function clusterInfo(state: Readonly<LabState>, color: boolean): string[] {
  const cluster = currentCluster(state)
  const url = `https://${cluster.apiServerVip}:6443`
  const paint = (c: string, s: string) => (color ? `${c}${s}${RESET}` : s)
  return [
    `${paint(GREEN, 'Kubernetes control plane')} is running at ${paint(YELLOW, url)}`,
    `${paint(GREEN, 'CoreDNS')} is running at ${paint(YELLOW, `${url}/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy`)}`,
    '',
    "To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.",
  ]
}

const USAGE = [
  'kubectl controls the Kubernetes cluster manager.',
  '',
  " HCI Lab's kubectl talks to the workload cluster of the current context (Get-AksHciCredential sets it).",
  '',
  'Commands:',
  '  create         Create a resource from a file (-f FILE, -f - for the pipeline), or a deployment',
  '                 or job from flags (create deployment|job NAME --image=IMG)',
  '  get            Display one or many resources (-o wide|name|yaml|json|jsonpath=…, --sort-by,',
  '                 --field-selector, -l, --show-labels; get all)',
  '  describe       Show details of a specific resource or group of resources (-l selector)',
  '  apply          Apply a configuration to a resource by file name (-f FILE)',
  '  delete         Delete resources by file names, resources and names, or by label selector',
  '                 (--grace-period=N, --now, --force)',
  '  scale          Set a new size for a deployment or stateful set (--replicas=N)',
  '  patch          Update fields of a resource (--type merge -p JSON)',
  '  label          Update the labels on a resource (KEY=VALUE, KEY-, --overwrite)',
  '  annotate       Update the annotations on a resource (KEY=VALUE, KEY-, --overwrite)',
  '  rollout        rollout status|restart of a deployment, daemon set or stateful set',
  "  set            set image TYPE/NAME CONTAINER=IMAGE…: new images for a workload's pods",
  '  run            Run a particular image on the cluster (a pod: --image, --port, --restart, -- ARGS)',
  '  expose         Expose a deployment, replica set, pod or service as a new Service (--port, --type)',
  '  logs           Print the logs for a container in a pod',
  '  exec           Execute a command in a container (cat, ls)',
  '  cluster-info   Display cluster information',
  '  version        Print the client and server version information',
  '  api-resources  Print the supported API resources on the server',
  '  api-versions   Print the supported API versions on the server, as "group/version"',
  '  auth           can-i VERB TYPE: whether the current context may (the admin may do everything)',
  '  cordon         Mark a node as unschedulable (uncordon: schedulable again)',
  '  drain          Drain a node in preparation for maintenance (--ignore-daemonsets, --force,',
  '                 --delete-emptydir-data, --grace-period=N)',
  '  top            Display resource (CPU/memory) usage (the clusters have no metrics server)',
  '  config         view, get-contexts, current-context, use-context, get-clusters, get-users',
  '',
  `Resource types: ${RESOURCE_TYPES.map((r) => r.plural).join(', ')}`,
]

export function runKubectl(
  ctx: NativeContext,
  args: string[],
  color: boolean,
  input: PsValue[] = [],
): string[] {
  const [verb, ...rest] = args
  if (verb === undefined || verb === 'help' || verb === '-h' || verb === '--help') return USAGE
  const p = parseArgs(rest, `kubectl ${verb}`)
  const state = ctx.state()
  switch (verb) {
    case 'get': {
      const { out, errors } = kubectlGet(state, p)
      if (out.length === 0 && errors.some((e) => e.startsWith('Error'))) throw new NativeError(errors)
      return [...out, ...errors]
    }
    case 'describe':
      return kubectlDescribe(state, p)
    case 'apply':
    case 'create':
      return kubectlApply(ctx, p, input, verb)
    case 'run':
      return kubectlRun(ctx, p)
    case 'expose':
      return kubectlExpose(ctx, p)
    case 'delete':
      return kubectlDelete(ctx, p, input)
    case 'scale':
      return kubectlScale(ctx, p)
    case 'patch':
      return kubectlPatch(ctx, p)
    case 'label':
      return kubectlLabel(ctx, p, 'labels')
    case 'annotate':
      return kubectlLabel(ctx, p, 'annotations')
    case 'logs':
      return kubectlLogs(ctx, p)
    case 'exec':
      return kubectlExec(ctx, p)
    case 'rollout':
      return kubectlRollout(ctx, p)
    case 'version':
      return version(state, p)
    case 'cluster-info':
      return clusterInfo(state, color)
    case 'config':
      return kubectlConfig(ctx, p)
    case 'api-resources':
      return apiResources(p)
    case 'api-versions':
      currentCluster(state)
      return apiVersions()
    case 'auth':
      currentCluster(state)
      return authCanI(p)
    case 'top':
      return kubectlTop(state, p)
    case 'cordon':
    case 'uncordon':
      return kubectlCordon(ctx, p, verb === 'cordon')
    case 'drain':
      return kubectlDrain(ctx, p)
    case 'set':
      return kubectlSetImage(ctx, p)
    default:
      throw new NativeError([
        `error: unknown command "${verb}" for "kubectl"`,
        "Run 'kubectl --help' for usage.",
      ])
  }
}

const VERBS = [
  'annotate',
  'api-resources',
  'api-versions',
  'apply',
  'auth',
  'cluster-info',
  'config',
  'cordon',
  'create',
  'delete',
  'describe',
  'drain',
  'exec',
  'expose',
  'get',
  'label',
  'logs',
  'patch',
  'rollout',
  'run',
  'scale',
  'set',
  'top',
  'uncordon',
  'version',
]

function completeWords(before: string[]): string[] {
  if (before.length === 0) return VERBS
  const [verb] = before
  if (before.length === 1 && ['get', 'describe', 'delete'].includes(verb!))
    return RESOURCE_TYPES.map((r) => r.plural)
  if (before.length === 1 && (verb === 'scale' || verb === 'rollout'))
    return verb === 'scale' ? ['deployment', 'statefulset'] : ['status']
  if (before[before.length - 1] === '-f') return homeFiles().map((f) => f.path.slice(HOME.length + 1))
  if (before.length === 1 && verb === 'config')
    return ['current-context', 'get-clusters', 'get-contexts', 'get-users', 'use-context', 'view']
  return []
}

export function kubectlNative(color: () => boolean): NativeDef {
  return {
    name: 'kubectl',
    synopsis:
      'Kubernetes client (v1.32) for the workload clusters: get, describe, apply/create/delete -f, scale, patch, logs, exec, rollout status, config.',
    // PowerShell hands a native command's output on line by line ($x.Count, Select-Object -First).
    run: (ctx, args, input) => runKubectl(ctx, args, color(), input),
    complete: completeWords,
  }
}

export function registerKubectl(registry: Registry): void {
  // The console strips colour codes when colour is off, so kubectl can always paint.
  registry.addNative(kubectlNative(() => true))
}
