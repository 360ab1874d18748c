import type { Change } from '@shared/changes'

/**
 * The last value of each entity a transaction wrote, by collection and id (null: removed), for
 * listeners, who need where a command left each entity, not every step. Entities born in the
 * transaction and removed again leave nothing to report.
 */
export class ChangeReport {
  private readonly latest = new Map<string, Map<string, unknown>>()
  /** Entities that did not exist before the transaction, by collection. */
  private readonly born = new Map<string, Set<string>>()
  /** The maps of the collection noted last (writes come in runs of one collection). */
  private noting?: { c: string; byId: Map<string, unknown>; born: Set<string> }

  /** One entry per entity (collection and id, or singleton), with its last value. */
  get changes(): Change[] {
    const out: Change[] = []
    for (const [c, byId] of this.latest) for (const [id, v] of byId) out.push({ c, id, v } as Change)
    return out
  }

  /** The entity's value now (`existed`: whether it existed before this write). */
  note(c: string, id: string, v: unknown, existed: boolean): void {
    let n = this.noting
    if (n?.c !== c) {
      let byId = this.latest.get(c)
      if (!byId) this.latest.set(c, (byId = new Map()))
      let born = this.born.get(c)
      if (!born) this.born.set(c, (born = new Set()))
      this.noting = n = { c, byId, born }
    }
    const isBorn = n.byId.has(id) ? n.born.has(id) : !existed
    if (isBorn && v === null) {
      n.byId.delete(id)
      n.born.delete(id)
      return
    }
    if (isBorn) n.born.add(id)
    n.byId.set(id, v)
  }

  clear(): void {
    this.latest.clear()
    this.born.clear()
    this.noting = undefined
  }
}
