import type { LabState } from '../../core/state'
import { NativeError } from '../errors'
import type { NativeContext } from '../registry'
import type { Parsed } from './args'
import { jsonpath } from './jsonpath'
import { outputFormat, toJson, toYaml } from './output'
import { tabulate } from './table'

// kubectl config: the kubeconfig Get-AksHciCredential wrote. Contexts are one per cluster, named as
// AKS on Azure Stack HCI kubeconfigs name them: `<cluster>-admin@<cluster>`, user `<cluster>-admin`,
// cluster `<cluster>` at `https://<API server VIP>:6443`, with client certificate and key data.

export const contextName = (cluster: string) => `${cluster}-admin@${cluster}`
const clusterOfContext = (context: string) => context.replace(/^.*@/, '')

const HELP = [
  'Modify kubeconfig files using subcommands like "kubectl config set current-context my-context".',
  '',
  'Available Commands:',
  '  current-context   Display the current-context',
  '  get-clusters      Display clusters defined in the kubeconfig',
  '  get-contexts      Describe one or many contexts',
  '  get-users         Display users defined in the kubeconfig',
  '  use-context       Set the current-context in a kubeconfig file',
  '  view              Display merged kubeconfig settings or a specified kubeconfig file',
  '',
  'Usage:',
  '  kubectl config SUBCOMMAND [options]',
]

/** Stand-in certificate data, the same for a cluster every time (`--raw` shows it). */
function pem(cluster: string, what: string): string {
  const kind = what === 'client-key' ? 'RSA PRIVATE KEY' : 'CERTIFICATE'
  const body = btoa(`HCI Lab ${what} of ${cluster}`)
  return btoa(`-----BEGIN ${kind}-----\n${body}\n-----END ${kind}-----\n`)
}

function kubeconfig(state: Readonly<LabState>, minify: boolean, raw: boolean) {
  const kc = state.kubeconfig
  if (minify && kc.current === null)
    throw new NativeError(['error: current-context must exist in order to minify'])
  const names = minify ? [kc.current!] : [...kc.contexts].sort()
  const data = (cluster: string, what: string) => (raw ? pem(cluster, what) : 'DATA+OMITTED')
  const server = (name: string) => {
    const c = Object.values(state.aksClusters).find((x) => x.name === name)
    return `https://${c?.apiServerVip ?? name}:6443`
  }
  const some = <T>(items: T[]) => (items.length === 0 ? null : items)
  return {
    kind: 'Config',
    apiVersion: 'v1',
    preferences: {},
    clusters: some(
      names.map((n) => ({
        name: n,
        cluster: { server: server(n), 'certificate-authority-data': data(n, 'certificate-authority') },
      })),
    ),
    users: some(
      [...names]
        .sort((a, b) => (`${a}-admin` < `${b}-admin` ? -1 : 1))
        .map((n) => ({
          name: `${n}-admin`,
          user: {
            'client-certificate-data': data(n, 'client-certificate'),
            'client-key-data': data(n, 'client-key'),
          },
        })),
    ),
    contexts: some(names.map((n) => ({ name: contextName(n), context: { cluster: n, user: `${n}-admin` } }))),
    'current-context': kc.current === null ? '' : contextName(kc.current),
  }
}

function view(state: Readonly<LabState>, p: Parsed): string[] {
  const config = kubeconfig(state, p.flags.get('minify') === 'true', p.flags.get('raw') === 'true')
  const { format, template } = outputFormat(p.flags.get('output') ?? 'yaml')
  if (format === 'json') return [toJson(config)]
  if (format === 'jsonpath') return [jsonpath(template, config)]
  if (format !== 'yaml')
    throw new NativeError([`error: unable to match a printer suitable for the output format "${format}"`])
  return [toYaml(config)]
}

export function kubectlConfig(ctx: NativeContext, p: Parsed): string[] {
  const [sub, name, ...extra] = p.words
  const kc = ctx.state().kubeconfig
  switch (sub) {
    case 'view':
      return view(ctx.state(), p)
    case 'get-contexts': {
      const contexts = kc.contexts.filter((c) => name === undefined || c === clusterOfContext(name))
      if (name !== undefined && contexts.length === 0)
        throw new NativeError([`error: context ${name} not found`])
      const rows = contexts.map((c) => [c === kc.current ? '*' : '', contextName(c), c, `${c}-admin`, ''])
      if (p.flags.get('output') === 'name') return rows.map((r) => r[1]!)
      return tabulate([['CURRENT', 'NAME', 'CLUSTER', 'AUTHINFO', 'NAMESPACE'], ...rows])
    }
    case 'get-clusters':
      return ['NAME', ...[...kc.contexts].sort()]
    case 'get-users':
      return ['NAME', ...[...kc.contexts].sort().map((c) => `${c}-admin`)]
    case 'current-context':
      if (kc.current === null) throw new NativeError(['error: current-context is not set'])
      return [contextName(kc.current)]
    case 'use-context':
    case 'use': {
      if (name === undefined || extra.length > 0)
        throw new NativeError([`error: Unexpected args: [${p.words.slice(1).join(' ')}]`])
      const cluster = kc.contexts.find((c) => contextName(c) === name)
      if (!cluster) throw new NativeError([`error: no context exists with the name: "${name}"`])
      ctx.dispatch({ type: 'kube.useContext', name: cluster })
      return [`Switched to context "${name}".`]
    }
    case undefined:
      return HELP
    default:
      throw new NativeError([
        `error: unknown command "${sub}"`,
        "See 'kubectl config -h' for help and examples",
      ])
  }
}
