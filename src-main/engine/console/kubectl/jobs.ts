import type { KubeObject } from '@shared/contract'
import { humanDuration } from '@shared/kube-age'
import { at, formatSelector, num, str } from '@shared/kube-fields'
import { annotationLines, controlledBy, labelLines, podTemplate, rfc1123z } from './describe-common'
import { NativeError } from '../errors'
import type { Parsed } from './args'

// Jobs in kubectl (`get jobs` is printers-storage.ts's): `describe job` (describe.go's describeJob, for a 1.20 Job: no completion mode, suspend or ready
// count) and `kubectl create job NAME --image=IMG [-- COMMAND…]` (the manifest kubectl sends).

export function describeJob(o: KubeObject): string[] {
  const selector = formatSelector(at(o, 'spec.selector'))
  const start = str(o, 'status.startTime')
  const done = str(o, 'status.completionTime')
  const deadline = at(o, 'spec.activeDeadlineSeconds')
  return [
    `Name:\t${o.metadata.name}`,
    `Namespace:\t${o.metadata.namespace ?? ''}`,
    `Selector:\t${selector === '<none>' ? '' : selector}`,
    ...labelLines(o),
    ...annotationLines(o),
    ...controlledBy(o),
    ...(at(o, 'spec.parallelism') !== undefined ? [`Parallelism:\t${num(o, 'spec.parallelism')}`] : []),
    `Completions:\t${at(o, 'spec.completions') !== undefined ? num(o, 'spec.completions') : '<unset>'}`,
    ...(at(o, 'spec.backoffLimit') !== undefined ? [`Backoff Limit:\t${num(o, 'spec.backoffLimit')}`] : []),
    ...(start ? [`Start Time:\t${rfc1123z(start)}`] : []),
    ...(done ? [`Completed At:\t${rfc1123z(done)}`] : []),
    ...(start && done ? [`Duration:\t${humanDuration(Date.parse(done) - Date.parse(start))}`] : []),
    ...(typeof deadline === 'number' ? [`Active Deadline Seconds:\t${deadline}s`] : []),
    `Pods Statuses:\t${num(o, 'status.active')} Active / ${num(o, 'status.succeeded')} Succeeded / ${num(o, 'status.failed')} Failed`,
    ...podTemplate(o),
  ]
}

/** The manifest `kubectl create job NAME --image=IMG -- CMD…` sends (restartPolicy Never). */
export function createJobManifest(p: Parsed): string {
  const name = p.words[1]
  const image = p.flags.get('image')
  if (name === undefined || p.beforeDash < 2)
    throw new NativeError([
      'error: exactly one NAME is required, got 0',
      "See 'kubectl create job -h' for help and examples",
    ])
  if (!image) throw new NativeError(['error: --image must be specified'])
  const command = p.words.slice(p.beforeDash)
  const container = { name, image, ...(command.length ? { command } : {}), resources: {} }
  return JSON.stringify({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name },
    spec: { template: { metadata: {}, spec: { containers: [container], restartPolicy: 'Never' } } },
  })
}
