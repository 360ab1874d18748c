// The change stream: every mutation of a lab is reported as one of these, in order, versioned.
// A client pulls a snapshot (with its version), then applies batches whose version follows it.

/** `c` names a collection (servers, volumes, …) or a singleton (meta, clock, cluster, pool; id ''). */
export interface Change {
  c: string
  id: string
  /** The new value, or null when the entity was removed. */
  v: unknown
}

export interface ChangeBatch {
  /** Version the batch applies to; a client at another version must pull a new snapshot. */
  from: number
  /** Version after applying this batch. Throttling may merge several batches into one. */
  version: number
  changes: Change[]
  /**
   * Set on a summary sent instead of a batch too large to send (thousands of changes, or
   * megabytes): `changes` is empty, and a client pulls a new snapshot instead of applying them.
   */
  resync?: true
}

/** The summary that stands for `batch`: the same versions, no changes, resync. */
export function summaryOf(batch: ChangeBatch): ChangeBatch {
  return { from: batch.from, version: batch.version, changes: [], resync: true }
}
