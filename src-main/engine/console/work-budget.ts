import { count, limitError, MAX_WORK_PER_LINE } from './limits'
import { PsHashtable, PsObject, type PsValue } from './values'

/** Characters of text that cost as much to handle as one value. */
const CHARS_PER_UNIT = 16

/**
 * The work of the line being run, counted in units: one per expression evaluated, and one per value
 * (plus one per 16 characters of its text) produced by a pipeline stage or a script block, or handed
 * to an operator, method or cast. A million references to one 4 MB string cost what handling them
 * costs, so sorting or comparing them is refused before it starts, not after minutes.
 */
export class WorkBudget {
  private spent = 0
  /** Sizes already measured: the console never changes an array, table or object it has handed out. */
  private readonly sizes = new WeakMap<object, number>()

  /** Starts the count for a new line. */
  reset(): void {
    this.spent = 0
  }

  spend(units: number): void {
    this.spent += units
    if (this.spent > MAX_WORK_PER_LINE)
      throw limitError(
        `This line does more work than HCI Lab's console allows for one line (${count(MAX_WORK_PER_LINE)} ` +
          'steps): it was stopped. Work on fewer objects at a time, for example with Select-Object -First.',
      )
  }

  /** Charges for handling these values. */
  spendOn(values: readonly PsValue[]): void {
    let units = 0
    for (const v of values) units += this.sizeOf(v)
    this.spend(units)
  }

  private sizeOf(v: PsValue): number {
    if (typeof v === 'string') return 1 + Math.floor(v.length / CHARS_PER_UNIT)
    if (v === null || typeof v !== 'object') return 1
    const known = this.sizes.get(v)
    if (known !== undefined) return known
    let size = 1
    if (Array.isArray(v)) for (const item of v) size += this.sizeOf(item)
    else if (v instanceof PsHashtable) for (const e of v.entries.values()) size += this.sizeOf(e.value)
    else if (v instanceof PsObject) for (const name of v.names()) size += this.sizeOf(v.get(name))
    this.sizes.set(v, size)
    return size
  }
}
