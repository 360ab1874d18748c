import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { NewLabInput } from '@shared/commands'
import type { EventChannel, EventPayloads, LabInfo, LabSnapshot } from '@shared/contract'
import { fail, LabFailure, type Result } from '@shared/errors'
import type { Lab } from '../engine/lab'
import { DEFAULT_HARDWARE } from '../engine/hci/build'
import { LabLibrary, LabStore } from '../persistence'
import { ChangeThrottle } from './change-throttle'
import { ClockTicker } from './clock-ticker'
import { ConsoleSessions } from './consoles'
import { toLabError } from './errors'
import * as files from './lab-files'
import { dispatchAndSave, reloadAfterFailedSave } from './persisted'
import { labView } from './view'

export type ServiceEvent = { [E in EventChannel]: { event: E; payload: EventPayloads[E] } }[EventChannel]

export interface LabServiceOptions {
  dataDir: string
  /** Open this lab file instead of the most recent one. */
  labFile?: string
  wallNow?: () => number
  throttleMs?: number
  log?: (message: string) => void
}

interface OpenLab {
  lab: Lab
  store: LabStore
  file: string
  /** What opening the lab's file had to repair, shown until another lab is opened. */
  recovery: string | null
  unsubscribe: () => void
}

export const DEFAULT_LAB_NAME = 'Default lab'
const CLOCK_SAVE_MS = 1000

/**
 * Owns the open lab for a host (Electron main or the web host): the Lab, its file, the library of
 * recent labs, the consoles and the clock. Every invoke channel of the contract is a method here;
 * change batches go out throttled as events. No Electron, so it is tested as plain Node.
 */
export class LabService {
  readonly library: LabLibrary
  readonly consoles: ConsoleSessions
  readonly ticker: ClockTicker
  private current!: OpenLab
  private readonly listeners = new Set<(e: ServiceEvent) => void>()
  private readonly throttle: ChangeThrottle
  private readonly wallNow: () => number
  private readonly log: (message: string) => void
  private lastClockSave = 0

  private constructor(options: LabServiceOptions) {
    this.wallNow = options.wallNow ?? Date.now
    this.log = options.log ?? ((m) => console.error(m))
    this.library = new LabLibrary(options.dataDir)
    this.throttle = new ChangeThrottle((payload) => this.emit({ event: 'lab:changes', payload }), {
      intervalMs: options.throttleMs,
      log: this.log,
    })
    this.consoles = new ConsoleSessions(
      { state: () => this.lab.state, dispatch: (c) => this.dispatch(c) },
      { output: (sessionId, text) => this.emit({ event: 'console:output', payload: { sessionId, text } }) },
    )
    this.ticker = new ClockTicker(
      { lab: () => this.lab, moved: () => this.clockMoved(), error: (e) => this.log(`Clock: ${String(e)}`) },
      this.wallNow,
    )
  }

  /**
   * Opens `labFile` (its LabFileError is thrown to the host), else the most recent lab, else the
   * default lab, created on first run. The clock does not run until `ticker.start()`.
   */
  static start(options: LabServiceOptions): LabService {
    const service = new LabService(options)
    if (options.labFile) {
      service.adopt(LabStore.open(options.labFile), options.labFile)
      return service
    }
    const recent = service.library.recent()[0]
    if (recent) {
      try {
        service.adopt(LabStore.open(recent.file), recent.file)
        return service
      } catch (e) {
        service.log(`Could not open the most recent lab: ${toLabError(e).message}`)
      }
    }
    const file = join(service.library.labsDir, files.labFileName(DEFAULT_LAB_NAME))
    service.adopt(existsSync(file) ? LabStore.open(file) : LabStore.create(file, defaultLab()), file)
    return service
  }

  get lab(): Lab {
    return this.current.lab
  }

  get file(): string {
    return this.current.file
  }

  onEvent(listener: (e: ServiceEvent) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  info(): LabInfo {
    const { store } = this.current
    return {
      name: this.lab.state.meta.name,
      file: this.file,
      recent: this.library.recent(),
      readOnly: store.readOnly,
      recovery: this.current.recovery,
    }
  }

  snapshot(): LabSnapshot {
    return { version: this.lab.changeVersion, view: labView(this.lab.state) }
  }

  newLab(input: { name: string; seed?: number; hardware?: NewLabInput['hardware'] }): LabInfo {
    this.library.checkRoom()
    const file = this.library.pathFor(input.name)
    const lab = { name: input.name, seed: input.seed ?? 0, hardware: input.hardware ?? DEFAULT_HARDWARE }
    return this.switchTo(LabStore.create(file, lab), file)
  }

  open(file: string): LabInfo {
    const path = files.checkLabPath(file)
    if (files.samePath(path, this.file)) return this.info()
    return this.switchTo(LabStore.open(path), path)
  }

  /** Copies the open lab to the library under `name`, renames it there and continues in the copy. */
  saveAs(name: string): LabInfo {
    this.library.checkRoom(files.sizeOf(this.file))
    const file = this.library.pathFor(name)
    this.saveClock()
    this.current.store.copyTo(file)
    this.switchTo(LabStore.open(file), file)
    if (this.lab.state.meta.name !== name) this.command({ type: 'lab.rename', name })
    return this.info()
  }

  exportLab(): { fileName: string; base64: string } {
    this.saveClock()
    const base64 = files.withTempDir((dir) => {
      const copy = join(dir, 'export.hcilab')
      this.current.store.copyTo(copy)
      return readFileSync(copy).toString('base64')
    })
    return { fileName: files.labFileName(this.lab.state.meta.name), base64 }
  }

  /**
   * Checks the file by opening it (files that are not labs, or newer, are refused; damaged ones are
   * taken at their last good point, and say so), then adds it to the library.
   */
  importLab(fileName: string, base64: string): LabInfo {
    const { file, recovery } = files.importIntoLibrary(this.library, fileName, base64)
    return this.switchTo(LabStore.open(file), file, recovery)
  }

  deleteLab(file: string): LabInfo {
    const path = files.checkLabPath(file)
    if (files.samePath(path, this.file))
      fail('LabIsOpen', 'This lab is open. Open another lab before deleting this one.', 'InvalidOperation')
    const known = this.library.recent().some((e) => files.samePath(e.file, path))
    if (!known && !files.isInside(this.library.labsDir, path))
      fail(
        'InvalidPath',
        `'${path}' is not in the lab library, so HCI Lab will not delete it.`,
        'InvalidArgument',
      )
    files.removeLabFile(path)
    this.library.forget(path)
    return this.info()
  }

  /** A command from the UI: applied, saved, then acknowledged. */
  command(input: unknown): unknown {
    const result = this.dispatch(input)
    if (!result.ok) throw new LabFailure(result.error)
    return result.data
  }

  preview(input: unknown): unknown {
    const result = this.lab.preview(input)
    if (!result.ok) throw new LabFailure(result.error)
    return result.data
  }

  /** The one persisted path of every command (UI and consoles). */
  dispatch(input: unknown): Result<unknown> {
    try {
      return dispatchAndSave(this.lab, this.current.store, input)
    } catch (e) {
      return this.recoverFromSaveFailure(e)
    }
  }

  /** Stops the clock, sends what is pending, saves the clock and closes the file. */
  close(): void {
    this.ticker.stop()
    this.throttle.flush()
    this.consoles.closeAll()
    this.release()
    this.listeners.clear()
  }

  /** The in-memory lab is ahead of its file: reload the file so that memory matches what is saved. */
  private recoverFromSaveFailure(e: unknown): Result<unknown> {
    const old = this.current
    this.throttle.drop()
    old.unsubscribe()
    const { reopened, error } = reloadAfterFailedSave(old, e, this.log)
    this.adopt(reopened ?? old, old.file)
    this.emit({ event: 'lab:switched', payload: this.info() })
    return { ok: false, error }
  }

  /** `opened` is opened before the current lab is released, so a failed open changes nothing. */
  private switchTo(opened: { store: LabStore; lab: Lab }, file: string, recovery?: string): LabInfo {
    this.throttle.drop()
    this.release()
    this.adopt(opened, file, recovery)
    const info = this.info()
    this.emit({ event: 'lab:switched', payload: info })
    return info
  }

  private adopt(
    { store, lab }: { store: LabStore; lab: Lab },
    file: string,
    recovery = store.recovery,
  ): void {
    if (recovery) this.log(recovery)
    const unsubscribe = lab.subscribe((batch) => this.throttle.push(batch))
    this.current = { lab, store, file, recovery: recovery ?? null, unsubscribe }
    this.lastClockSave = this.wallNow()
    this.library.touch(file, lab.state.meta.name, new Date(this.wallNow()))
  }

  private release(saveClock = true): void {
    if (!this.current) return
    const { store, unsubscribe } = this.current
    unsubscribe()
    // Closing must not fail a switch: at worst the clock position since the last save is lost.
    try {
      if (saveClock) this.saveClock()
    } catch (e) {
      this.log(`Could not save the clock of ${this.file}: ${toLabError(e).message}`)
    }
    try {
      store.close()
    } catch (e) {
      this.log(`Could not close ${this.file}: ${toLabError(e).message}`)
    }
  }

  private clockMoved(): void {
    if (this.wallNow() - this.lastClockSave >= CLOCK_SAVE_MS) this.saveClock()
  }

  private saveClock(): void {
    this.lastClockSave = this.wallNow()
    this.current.store.saveClock(this.lab.now)
  }

  private emit(e: ServiceEvent): void {
    for (const listener of this.listeners) listener(e)
  }
}

function defaultLab(): NewLabInput {
  return { name: DEFAULT_LAB_NAME, seed: 0, hardware: DEFAULT_HARDWARE }
}
