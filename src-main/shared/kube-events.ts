import type { KubeObject } from './contract'
import { humanDuration } from './kube-age'
import { at, num, str } from './kube-fields'

// How kubectl describe lists an object's events (DescribeEvents), for the console and the UI alike:
// oldest last seen first, each with its age and, for one seen again, how often over how long.

/** Last seen, then the order the API server stored them (the names of real events sort so). */
export function byLastTimestamp(a: KubeObject, b: KubeObject): number {
  const t = (e: KubeObject) =>
    Date.parse(str(e, 'lastTimestamp') || str(e, 'series.lastObservedTime') || str(e, 'eventTime')) || 0
  return t(a) - t(b) || Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion)
}

/** An event's row as describe prints it: `12s`, or `2m (x5 over 10m)` for one seen again. */
export function describedEvent(
  e: KubeObject,
  now: number,
): { type: string; reason: string; age: string; from: string; message: string } {
  const since = (t: string) => (t ? humanDuration(now - Date.parse(t)) : '<unknown>')
  const first = since(str(e, 'eventTime') || str(e, 'firstTimestamp'))
  const count = num(e, 'count')
  const age = at(e, 'series')
    ? `${since(str(e, 'series.lastObservedTime'))} (x${num(e, 'series.count')} over ${first})`
    : count > 1
      ? `${since(str(e, 'lastTimestamp'))} (x${count} over ${first})`
      : first
  return {
    type: str(e, 'type'),
    reason: str(e, 'reason'),
    age,
    from: str(e, 'source.component') || str(e, 'reportingComponent'),
    message: str(e, 'message').trim(),
  }
}
