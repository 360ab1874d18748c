import type { Event } from 'kubernetes-types/core/v1'
import type { ClusterIndex } from './derived'
import { tally } from './derived-marks'

// Events by what they report (the recorder's aggregation) and by object and reason.

/** What makes two events the same occurrence (the event recorder's aggregation key). */
export function eventAggregateKey(e: Event): string {
  const o = e.involvedObject
  return `${o.uid}|${o.fieldPath ?? ''}|${e.reason}|${e.message}|${e.type}|${e.source?.component}|${e.source?.host}`
}

export function eventWritten(index: ClusterIndex, key: string, old?: Event, next?: Event): void {
  if (old) {
    const info = index.eventInfo.get(key)!
    if (index.eventsByAggregate.get(info.aggregate) === key) index.eventsByAggregate.delete(info.aggregate)
    tally(index.eventReasons, info.reason, -1)
    index.eventInfo.delete(key)
  }
  if (next) {
    const info = { aggregate: eventAggregateKey(next), reason: `${next.involvedObject.uid}|${next.reason}` }
    index.eventInfo.set(key, info)
    index.eventsByAggregate.set(info.aggregate, key)
    tally(index.eventReasons, info.reason, 1)
  }
}
