import type { LabState } from '../../core/state'
import { NativeError } from '../errors'
import type { Parsed } from './args'
import { currentCluster } from './store'

// kubectl top node|pod reads the Metrics API (metrics.k8s.io), which the metrics server serves. AKS
// on Azure Stack HCI clusters of this release have no metrics server, so kubectl answers as it does
// then: after its discovery finds no such API group.

const TOP_USAGE = [
  'Display resource (CPU/memory) usage.',
  '',
  ' The top command allows you to see the resource consumption for nodes or pods.',
  '',
  ' This command requires Metrics Server to be correctly configured and working on the server.',
  '',
  'Available Commands:',
  '  node          Display resource (CPU/memory) usage of nodes',
  '  pod           Display resource (CPU/memory) usage of pods',
  '',
  'Usage:',
  '  kubectl top [flags] [options]',
]

const SUBCOMMANDS = new Set(['node', 'nodes', 'no', 'pod', 'pods', 'po'])

export function kubectlTop(state: Readonly<LabState>, p: Parsed): string[] {
  const [what] = p.words
  if (what === undefined) return TOP_USAGE
  if (!SUBCOMMANDS.has(what))
    throw new NativeError([
      `error: unknown command "${what}" for "kubectl top"`,
      "Run 'kubectl top --help' for usage.",
    ])
  currentCluster(state)
  throw new NativeError(['error: Metrics API not available'])
}
