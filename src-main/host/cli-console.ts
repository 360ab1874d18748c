import { createInterface } from 'node:readline'
import type { ConsoleReply } from '@shared/contract'
import { ConsoleSession, stripAnsi } from '../engine/console'
import type { CliLab } from './cli-lab'

// `hci-lab run` and `hci-lab shell`: one console session on a lab file, every command saved (a
// command that could not be saved is undone: see CliLab).

export interface Io {
  stdin: NodeJS.ReadStream
  stdout: NodeJS.WriteStream
  stderr: NodeJS.WriteStream
}

/** `hci-lab shell` asks for missing parameters and -Confirm; `hci-lab run` fails as -NonInteractive. */
function sessionFor(cli: CliLab, out: NodeJS.WriteStream, interactive = false): ConsoleSession {
  const tty = out.isTTY === true
  return new ConsoleSession(cli.consoleHost(), {
    color: tty,
    interactive,
    ...(tty && out.columns ? { width: out.columns } : {}),
  })
}

/** What the in-app console shows; colour codes only on a terminal. */
function printable(text: string, out: NodeJS.WriteStream): string {
  const plain = out.isTTY ? text : stripAnsi(text)
  return plain === '' || plain.endsWith('\n') ? plain : plain + '\n'
}

/** How far the CLI moves virtual time for a task it waits for: the longest real one takes an hour. */
const MAX_WAIT_DAYS = 7
const MAX_WAIT_MS = MAX_WAIT_DAYS * 86_400_000
/** Scheduled events the CLI runs for one wait: a busy lab has a few per virtual second. */
const MAX_WAIT_STEPS = 100_000

/**
 * Runs a line the way the real cmdlets block (Install-AksHci): while it waits for a task, the CLI
 * moves the lab's clock itself, from one scheduled event to the next, printing the session's
 * progress, saves the clock as the app's ticker does, then lets the line go on.
 */
export function runBlocking(
  session: ConsoleSession,
  cli: CliLab,
  line: string,
  write: (text: string) => void,
): ConsoleReply {
  let reply = session.run(line)
  while (reply.wait) {
    write(reply.output)
    const stopped = waitForTask(session, cli, reply.wait.taskId, write)
    if (stopped) return stopped
    reply = session.resume()
  }
  return reply
}

/** Moves time until the task ends (null), or ends the line with why it stopped waiting. */
function waitForTask(
  session: ConsoleSession,
  cli: CliLab,
  taskId: string,
  write: (text: string) => void,
): ConsoleReply | null {
  const until = cli.lab.now + MAX_WAIT_MS
  let stoppedBecause: string | null = null
  for (let steps = 0; cli.lab.state.tasks[taskId]?.state === 'InProgress'; steps++) {
    const next = cli.lab.state.queue[0]
    // Nothing scheduled: the task can never end. Other work (a pod's log line every minute) can
    // keep the queue busy for ever: stop after a week or a bounded number of events.
    if (!next) stoppedBecause = `Task ${taskId} has no work left to run.`
    else if (cli.lab.now > until)
      stoppedBecause = `Task ${taskId} has not finished after ${MAX_WAIT_DAYS} days of virtual time, so hci-lab stopped waiting for it.`
    else if (steps >= MAX_WAIT_STEPS)
      stoppedBecause = `Task ${taskId} has not finished after ${MAX_WAIT_STEPS.toLocaleString('en-US')} scheduled events, so hci-lab stopped waiting for it.`
    if (stoppedBecause !== null || !next) break
    const failed = cli.moveClock(Math.max(next.at, cli.lab.now + 1))
    if (failed) return session.abandonWait(failed.message)
    write(session.progress())
  }
  const failed = cli.saveClock()
  if (failed) return session.abandonWait(failed.message)
  return stoppedBecause === null ? null : session.abandonWait(stoppedBecause)
}

/** Runs the lines in order; stops at the first failure. Exit code 0 or 1. */
export function runLines(cli: CliLab, lines: string[], io: Io): number {
  const session = sessionFor(cli, io.stdout)
  const write = (text: string) => io.stdout.write(printable(text, io.stdout))
  for (const line of lines) {
    const reply = runBlocking(session, cli, line, write)
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
export async function shell(cli: CliLab, io: Io): Promise<number> {
  const session = sessionFor(cli, io.stdout, true)
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
    const reply = runBlocking(session, cli, line, (text) => io.stdout.write(printable(text, io.stdout)))
    io.stdout.write(printable(reply.output, io.stdout))
    rl.setPrompt(reply.prompt)
    rl.prompt()
  }
  rl.close()
  return 0
}
