import { readFileSync } from 'node:fs'
import type { LabError, Result } from '@shared/errors'
import type { ConsoleHost } from '../engine/console'
import type { Lab } from '../engine/lab'
import { dispatchAndSave, reloadAfterFailedSave, type OpenLab } from '../ipc/persisted'
import { LabStore } from '../persistence'

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

  /** Applies and saves a command; on a failed save the lab is reloaded and the error says so. */
  dispatch(command: unknown): Result<unknown> {
    try {
      return dispatchAndSave(this.opened.lab, this.opened.store, command)
    } catch (e) {
      return { ok: false, error: this.reload(e) }
    }
  }

  /** Moves the clock to `t` and saves it; null, or the error of a failed save (the lab reloaded). */
  advanceTo(t: number): LabError | null {
    this.opened.lab.advanceTo(t)
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
      // kubectl apply -f FILE on the command line means a file on this machine.
      readFile(path: string): string | null {
        try {
          return readFileSync(path, 'utf8')
        } catch {
          return null
        }
      },
    }
  }

  private reload(saveError: unknown): LabError {
    const { reopened, error } = reloadAfterFailedSave(this.opened, saveError, (message) =>
      process.stderr.write(`hci-lab: ${message}\n`),
    )
    if (reopened) this.opened = reopened
    return error
  }
}
