import { randomUUID } from 'node:crypto'
import type { Completion, ConsoleReply } from '@shared/contract'
import { fail } from '@shared/errors'
import { ConsoleSession, type ConsoleHost } from '../engine/console'

/** A renderer that forgets to close its consoles must not grow the host without bound. */
const MAX_SESSIONS = 32

/** The open PowerShell consoles of every client, by id. They all work on the service's open lab. */
export class ConsoleSessions {
  private readonly sessions = new Map<string, ConsoleSession>()

  constructor(private readonly host: ConsoleHost) {}

  open(): { sessionId: string; banner: string; prompt: string } {
    if (this.sessions.size >= MAX_SESSIONS) {
      const oldest = this.sessions.keys().next().value
      if (oldest !== undefined) this.sessions.delete(oldest)
    }
    const session = new ConsoleSession(this.host, { color: true })
    const sessionId = randomUUID()
    this.sessions.set(sessionId, session)
    return { sessionId, banner: session.banner, prompt: session.prompt() }
  }

  run(sessionId: string, line: string, width?: number): ConsoleReply {
    const session = this.get(sessionId)
    if (width !== undefined) session.setWidth(width)
    return session.run(line)
  }

  complete(sessionId: string, line: string, cursor: number): Completion {
    return this.get(sessionId).complete(line, Math.min(cursor, line.length))
  }

  close(sessionId: string): null {
    this.sessions.delete(sessionId)
    return null
  }

  closeAll(): void {
    this.sessions.clear()
  }

  private get(sessionId: string): ConsoleSession {
    const session = this.sessions.get(sessionId)
    if (!session)
      fail('ConsoleNotFound', 'This console session has ended. Open a new console.', 'ObjectNotFound')
    return session
  }
}
