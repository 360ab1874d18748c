import type { Extent } from '../syntax/ast'
import type { ErrorRecord } from '../errors'

// Windows PowerShell 5.1's NormalView of an error record: "<command> : <message>" word-wrapped at the
// window width, the position block, then CategoryInfo and FullyQualifiedErrorId. Parse errors put the
// position first. A blank line follows, as in the 5.1 console.

/** Greedy word wrap; a word longer than the width is cut. Embedded newlines start new lines. */
export function wordWrap(text: string, width: number): string[] {
  const out: string[] = []
  for (const paragraph of text.split('\n')) {
    let line = ''
    for (const word of paragraph.split(' ')) {
      const candidate = line === '' ? word : `${line} ${word}`
      if (candidate.length <= width) {
        line = candidate
        continue
      }
      if (line !== '') out.push(line)
      line = word
      while (line.length > width) {
        out.push(line.slice(0, width))
        line = line.slice(width)
      }
    }
    out.push(line)
  }
  return out
}

/** "At line:1 char:N" + the echoed line + tildes, cut around the error like PowerShell does. */
export function positionMessage(source: string, extent: Extent): string[] {
  const before = source.slice(0, extent.start)
  const lineNumber = before.split('\n').length
  const lineStart = before.lastIndexOf('\n') + 1
  const lineEnd =
    source.indexOf('\n', extent.start) === -1 ? source.length : source.indexOf('\n', extent.start)
  let text = source.slice(lineStart, lineEnd).trimEnd()
  let column = extent.start - lineStart
  let length = Math.min(extent.end, lineEnd) - extent.start
  const header = `At line:${lineNumber} char:${column + 1}`
  if (text === '') return [header]
  // Long lines are cut to 69 characters around the error, with "... " / " ..." marks.
  const max = 69
  let prefixDots = false
  let suffixDots = false
  if (text.length > max) {
    const totalPrefix = column
    let prefix = Math.min(totalPrefix, 12)
    const totalSuffix = text.length - length - column
    let suffix = Math.min(totalSuffix, 8)
    let candidate = prefix + length + suffix
    if (candidate >= max) {
      if (prefix + length >= max) length = max - prefix
      suffixDots = true
    } else {
      const prefixAvailable = totalPrefix - prefix
      if (prefixAvailable > 0) {
        prefix += Math.min(prefixAvailable, max - candidate)
        candidate = prefix + length + suffix
      }
      if (candidate < max && totalSuffix > 0) suffix += Math.min(totalSuffix, max - candidate)
      suffixDots = suffix < totalSuffix
    }
    prefixDots = prefix < totalPrefix
    const startIndex = Math.max(column - prefix, 0)
    text = text.slice(startIndex, startIndex + max)
    column = Math.min(column, prefix)
    length = Math.min(length, max - column)
  }
  const echoed = `${prefixDots ? '... ' : ''}${text}${suffixDots ? ' ...' : ''}`
  const pad = ' '.repeat(column + (prefixDots ? 4 : 0))
  return [header, `+ ${echoed}`, `+ ${pad}${'~'.repeat(Math.max(length, 1))}`]
}

export function renderErrorRecord(record: ErrorRecord, source: string, width: number): string[] {
  const target = record.target ? `${record.target.name}:${record.target.type}` : ':'
  const category = `${record.category}: (${target}) [${record.activity ?? ''}], ${record.reason}`
  const fqid = record.fqidSuffix ? `${record.errorId},${record.fqidSuffix}` : record.errorId
  const info = [`    + CategoryInfo          : ${category}`, `    + FullyQualifiedErrorId : ${fqid}`]
  const position = record.extent ? positionMessage(source, record.extent) : []
  if (record.parse) return [...position, ...wordWrap(record.message, width), ...info, '']
  const head = record.invocationName ? `${record.invocationName} : ${record.message}` : record.message
  return [...wordWrap(head, width), ...position, ...info, '']
}
