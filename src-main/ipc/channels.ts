import type { ChannelHandlers } from './invoke'
import type { LabService } from './lab-service'

/** Every invoke channel of the contract, implemented by the service. */
export function serviceHandlers(service: LabService): ChannelHandlers {
  return {
    'lab:info': () => service.info(),
    'lab:snapshot': () => service.snapshot(),
    'lab:new': (input) => service.newLab(input),
    'lab:open': ({ file }) => service.open(file),
    'lab:saveAs': ({ name }) => service.saveAs(name),
    'lab:export': () => service.exportLab(),
    'lab:import': ({ fileName, base64 }) => service.importLab(fileName, base64),
    'lab:delete': ({ file }) => service.deleteLab(file),
    'lab:command': ({ command }) => service.command(command),
    'lab:preview': ({ command }) => service.preview(command),
    'console:open': () => service.consoles.open(),
    'console:run': ({ sessionId, line, width }) => service.consoles.run(sessionId, line, width),
    'console:complete': ({ sessionId, line, cursor }) => service.consoles.complete(sessionId, line, cursor),
    'console:close': ({ sessionId }) => service.consoles.close(sessionId),
    'console:cancel': ({ sessionId }) => service.consoles.cancel(sessionId),
  }
}
