import { randomUUID } from 'node:crypto'
import type { Completion, ConsoleReply } from '@shared/contract'
import { fail } from '@shared/errors'
import { ConsoleSession, type ConsoleHost } from '../engine/console'

/** A renderer that forgets to close its consoles must not grow the host without bound. */
const MAX_SESSIONS = 32
/** How often a waiting line looks at its task: the clock ticker moves time every ~100 ms. */
const WAIT_POLL_MS = 100
const YELLOW = '\x1b[93m'
const RESET = '\x1b[0m'

export interface ConsoleSessionsOptions {
  /** Text of a line still running (console:output), pushed as it comes. */
  output?: (sessionId: string, text: string) => void
  pollMs?: number
}

interface Open {
  session: ConsoleSession
  /** Wakes a waiting run early (cancel, close). */
  wake: (() => void) | null
}

/**
 * The open PowerShell consoles of every client, by id. They all work on the service's open lab.
 * A line that blocks (Install-AksHci) keeps its console:run pending while the clock ticker moves
 * virtual time at the lab's speed; its progress goes out as console:output, then the run resolves.
 */
export class ConsoleSessions {
  private readonly sessions = new Map<string, Open>()
  private readonly output: (sessionId: string, text: string) => void
  private readonly pollMs: number

  constructor(
    private readonly host: ConsoleHost,
    options: ConsoleSessionsOptions = {},
  ) {
    this.output = options.output ?? (() => {})
    this.pollMs = options.pollMs ?? WAIT_POLL_MS
  }

  open(): { sessionId: string; banner: string; prompt: string } {
    if (this.sessions.size >= MAX_SESSIONS) {
      const oldest = this.sessions.keys().next().value
      if (oldest !== undefined) this.close(oldest)
    }
    // The app's console is interactive: a missing mandatory parameter or -Confirm asks, and the
    // next line typed answers.
    const session = new ConsoleSession(this.host, { color: true, interactive: true })
    const sessionId = randomUUID()
    this.sessions.set(sessionId, { session, wake: null })
    return { sessionId, banner: session.banner, prompt: session.prompt() }
  }

  async run(sessionId: string, line: string, width?: number): Promise<ConsoleReply> {
    const open = this.get(sessionId)
    if (width !== undefined) open.session.setWidth(width)
    let reply = open.session.run(line)
    while (reply.wait) {
      // What the line printed before it blocked comes first, then the progress as time moves.
      this.send(sessionId, reply.output)
      if (this.host.state().clock.speed === 'pause')
        this.send(
          sessionId,
          `${YELLOW}WARNING: The virtual clock is paused. The command goes on when the clock runs ` +
            `(the clock buttons in the top bar); Ctrl+C stops it.${RESET}`,
        )
      while (open.session.waitingFor() && this.sessions.get(sessionId) === open) {
        const task = this.host.state().tasks[reply.wait.taskId]
        if (task?.state !== 'InProgress') break
        await this.sleep(open)
        this.send(sessionId, open.session.progress())
      }
      if (this.sessions.get(sessionId) !== open) return { output: '', prompt: open.session.prompt() }
      reply = open.session.resume()
    }
    return reply
  }

  /** Ctrl+C: stops the work the session's line waits for; its console:run then resolves. */
  cancel(sessionId: string): null {
    const open = this.get(sessionId)
    open.session.cancel()
    open.wake?.()
    return null
  }

  complete(sessionId: string, line: string, cursor: number): Completion {
    return this.get(sessionId).session.complete(line, Math.min(cursor, line.length))
  }

  close(sessionId: string): null {
    const open = this.sessions.get(sessionId)
    this.sessions.delete(sessionId)
    open?.wake?.()
    return null
  }

  closeAll(): void {
    for (const id of [...this.sessions.keys()]) this.close(id)
  }

  private send(sessionId: string, text: string): void {
    if (text !== '') this.output(sessionId, text)
  }

  private sleep(open: Open): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.pollMs)
      function done() {
        clearTimeout(timer)
        open.wake = null
        resolve()
      }
      open.wake = done
    })
  }

  private get(sessionId: string): Open {
    const open = this.sessions.get(sessionId)
    if (!open)
      fail('ConsoleNotFound', 'This console session has ended. Open a new console.', 'ObjectNotFound')
    return open
  }
}
