import { readFileSync, statSync } from 'node:fs'
import type { LabError, Result } from '@shared/errors'
import { NativeError, type ConsoleHost } from '../engine/console'
import { count, MAX_STRING_LENGTH } from '../engine/console/limits'
import type { Lab } from '../engine/lab'
import { dispatchAndSave, reloadAfterFailedSave, type OpenLab } from '../ipc/persisted'
import { fileErrors, LabStore } from '../persistence'

// The lab the CLI works on. What is in memory always matches the file: a command or clock move that
// could not be saved is undone by loading the lab from its file again, as the app does.

export class CliLab {
  private constructor(private opened: OpenLab) {}

  /** Opens the file; a LabFileError (missing, damaged, newer) is thrown to the caller. */
  static open(file: string): CliLab {
    return new CliLab(LabStore.open(file))
  }

  get lab(): Lab {
    return this.opened.lab
  }

  /** What opening the file had to say: what a damaged file lost, that a read-only one takes no change. */
  openingNotices(): string[] {
    const { store } = this.opened
    const readOnly = store.readOnly ? fileErrors.readOnly(store.file).message : undefined
    return [store.recovery, readOnly].filter((n) => n !== undefined)
  }

  /** Applies and saves a command; if it throws or cannot be saved, the lab is reloaded and the error says so. */
  dispatch(command: unknown): Result<unknown> {
    try {
      return dispatchAndSave(this.opened.lab, this.opened.store, command)
    } catch (e) {
      return { ok: false, error: this.reload(e) }
    }
  }

  /** Moves the clock to `t`: null, or the error of an advance that threw part-way (the lab reloaded). */
  moveClock(t: number): LabError | null {
    try {
      this.opened.lab.advanceTo(t)
      return null
    } catch (e) {
      return this.reload(e)
    }
  }

  /** Saves the clock: null, or the error of a failed save (the lab reloaded, its clock the file's). */
  saveClock(): LabError | null {
    try {
      this.opened.store.saveClock(this.opened.lab.now)
      return null
    } catch (e) {
      return this.reload(e)
    }
  }

  close(): void {
    this.opened.store.close()
  }

  /** The console's view of the lab: every command is saved before it counts as done. */
  consoleHost(): ConsoleHost {
    return {
      state: () => this.lab.state,
      dispatch: (command) => this.dispatch(command),
      readFile: readManifestFile,
    }
  }

  private reload(failure: unknown): LabError {
    const { reopened, error } = reloadAfterFailedSave(this.opened, failure, (message) =>
      process.stderr.write(`hci-lab: ${message}\n`),
    )
    if (reopened) this.opened = reopened
    return error
  }
}

/**
 * kubectl apply -f FILE on the command line means a file on this machine. Only a regular file of at
 * most a manifest's size is read: a FIFO or /dev/zero would block or fill memory forever.
 */
function readManifestFile(path: string): string | null {
  let stat
  try {
    stat = statSync(path)
  } catch {
    return null
  }
  if (!stat.isFile())
    throw new NativeError([`error: "${path}" is not a regular file, so kubectl cannot read it`])
  if (stat.size > MAX_STRING_LENGTH)
    throw new NativeError([
      `error: "${path}" is ${count(stat.size)} bytes; HCI Lab applies manifests of at most ${count(MAX_STRING_LENGTH)} bytes`,
    ])
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return null
  }
}
