import {
  invokeChannels,
  isInvokeChannel,
  type Envelope,
  type InvokeChannel,
  type InvokeOutput,
} from '@shared/contract'
import type { LabError } from '@shared/errors'
import type { z } from 'zod'
import { labError, toLabError } from './errors'

// The one wrapper every transport (Electron IPC, WebSocket) goes through: sender check, channel
// lookup, input validation, handler, envelope.

type ParsedInput<C extends InvokeChannel> = z.output<(typeof invokeChannels)[C]['input']>

/** An implementation of every invoke channel; inputs arrive already validated. */
export type ChannelHandlers = {
  [C in InvokeChannel]: (input: ParsedInput<C>) => InvokeOutput<C> | Promise<InvokeOutput<C>>
}

export type Invoke<Ctx> = (ctx: Ctx, channel: unknown, input: unknown) => Promise<Envelope<unknown>>

/**
 * Builds the invoke function of a transport. `trusted` is the transport's sender check (Electron:
 * our window's main frame; WebSocket: the token, already checked at the upgrade).
 */
export function createInvoke<Ctx>(handlers: ChannelHandlers, trusted: (ctx: Ctx) => boolean): Invoke<Ctx> {
  return async (ctx, channel, input) => {
    if (!trusted(ctx))
      return fail(labError('Forbidden', 'This sender may not call HCI Lab.', 'InvalidOperation'))
    if (!isInvokeChannel(channel)) {
      const name =
        typeof channel === 'string' ? `'${channel.slice(0, 100)}'` : 'a channel that is not a string'
      return fail(labError('UnknownChannel', `HCI Lab has no channel ${name}.`, 'InvalidArgument'))
    }
    const parsed = invokeChannels[channel].input.safeParse(input ?? {})
    if (!parsed.success)
      return fail(labError('InvalidInput', describe(channel, parsed.error), 'InvalidArgument'))
    try {
      const handler = handlers[channel] as (input: unknown) => unknown
      return { ok: true, data: await handler(parsed.data) }
    } catch (e) {
      return fail(toLabError(e))
    }
  }
}

function fail(error: LabError): Envelope<never> {
  return { ok: false, error }
}

/** "Invalid input for lab:new at 'hardware.servers': Too big…": the first issue, with where it is. */
function describe(channel: string, error: z.ZodError): string {
  const issue = error.issues[0]
  if (!issue) return `Invalid input for ${channel}.`
  const where = issue.path.length ? ` at '${issue.path.map(String).join('.')}'` : ''
  const message = issue.message.replace(/\.$/, '')
  return `Invalid input for ${channel}${where}: ${message}.`
}
