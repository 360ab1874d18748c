import { readFileSync } from 'node:fs'
import { createInterface } from 'node:readline'
import type { ConsoleReply } from '@shared/contract'
import type { Result } from '@shared/errors'
import { ConsoleSession, stripAnsi, type ConsoleHost } from '../engine/console'
import type { Lab } from '../engine/lab'
import { toLabError } from '../ipc/errors'
import { dispatchAndSave } from '../ipc/persisted'
import type { LabStore } from '../persistence'

// `hci-lab run` and `hci-lab shell`: one console session on a lab file, every command saved.

export interface Io {
  stdin: NodeJS.ReadStream
  stdout: NodeJS.WriteStream
  stderr: NodeJS.WriteStream
}

/** The console's view of the lab; each command is appended to the file before it counts as done. */
export function savingHost(lab: Lab, store: LabStore): ConsoleHost {
  return {
    state: () => lab.state,
    dispatch(command: unknown): Result<unknown> {
      try {
        return dispatchAndSave(lab, store, command)
      } catch (e) {
        // The CLI exits after this failure, so the lab in memory being ahead of the file is moot.
        const reason = toLabError(e).message
        return { ok: false, error: { code: 'SaveFailed', message: reason, category: 'ResourceUnavailable' } }
      }
    },
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

function sessionFor(lab: Lab, store: LabStore, out: NodeJS.WriteStream): ConsoleSession {
  const tty = out.isTTY === true
  return new ConsoleSession(savingHost(lab, store), {
    color: tty,
    ...(tty && out.columns ? { width: out.columns } : {}),
  })
}

/** What the in-app console shows; colour codes only on a terminal. */
function printable(text: string, out: NodeJS.WriteStream): string {
  const plain = out.isTTY ? text : stripAnsi(text)
  return plain === '' || plain.endsWith('\n') ? plain : plain + '\n'
}

/**
 * Runs a line the way the real cmdlets block (Install-AksHci): while it waits for a task, the CLI
 * moves the lab's clock itself, from one scheduled event to the next, saving the clock as the app's
 * ticker does and printing the session's progress, then lets the line go on.
 */
export function runBlocking(
  session: ConsoleSession,
  lab: Lab,
  store: LabStore,
  line: string,
  write: (text: string) => void,
): ConsoleReply {
  let reply = session.run(line)
  while (reply.wait) {
    write(reply.output)
    const taskId = reply.wait.taskId
    while (lab.state.tasks[taskId]?.state === 'InProgress') {
      const next = lab.state.queue[0]
      // Nothing scheduled: the task can never end, so do not wait forever.
      if (!next) return { output: '', prompt: reply.prompt, error: `Task ${taskId} has no work left to run.` }
      lab.advanceTo(Math.max(next.at, lab.now + 1))
      store.saveClock(lab.now)
      write(session.progress())
    }
    reply = session.resume()
  }
  return reply
}

/** Runs the lines in order; stops at the first failure. Exit code 0 or 1. */
export function runLines(lab: Lab, store: LabStore, lines: string[], io: Io): number {
  const session = sessionFor(lab, store, io.stdout)
  const write = (text: string) => io.stdout.write(printable(text, io.stdout))
  for (const line of lines) {
    const reply = runBlocking(session, lab, store, line, write)
    if (reply.error === undefined) {
      io.stdout.write(printable(reply.output, io.stdout))
      continue
    }
    // The failing line's output is its error record: it goes to stderr, as PowerShell's errors do.
    io.stderr.write(printable(reply.output || reply.error, io.stderr))
    return 1
  }
  return 0
}

/** An interactive console until `exit` or end of input (Ctrl+D). Exit code 0. */
export async function shell(lab: Lab, store: LabStore, io: Io): Promise<number> {
  const session = sessionFor(lab, store, io.stdout)
  const rl = createInterface({
    input: io.stdin,
    output: io.stdout,
    historySize: 1000,
    removeHistoryDuplicates: true,
    completer: (line: string) => {
      const { replaceFrom, candidates } = session.complete(line, line.length)
      return [candidates, line.slice(replaceFrom)]
    },
  })
  io.stdout.write(printable(session.banner, io.stdout))
  rl.setPrompt(session.prompt())
  // Ctrl+C drops the line being typed, as in PowerShell; Ctrl+D (end of input) leaves.
  rl.on('SIGINT', () => {
    rl.write('', { ctrl: true, name: 'u' })
    io.stdout.write('\n')
    rl.prompt()
  })
  rl.prompt()
  for await (const line of rl) {
    if (/^\s*exit\s*$/i.test(line)) break
    const reply = runBlocking(session, lab, store, line, (text) =>
      io.stdout.write(printable(text, io.stdout)),
    )
    io.stdout.write(printable(reply.output, io.stdout))
    rl.setPrompt(reply.prompt)
    rl.prompt()
  }
  rl.close()
  return 0
}
