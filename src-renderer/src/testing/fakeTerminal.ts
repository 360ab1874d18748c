/** An xterm stand-in for the console's controller: what was written, and keys to type. */
export function fakeTerminal() {
  let onData: (d: string) => void = () => {}
  const term = {
    cols: 100,
    text: '',
    onResize: () => ({ dispose() {} }),
    onData: (fn: (d: string) => void) => {
      onData = fn
      return { dispose() {} }
    },
    write(t: string) {
      term.text += t
    },
    clear() {},
    type: (d: string) => onData(d),
  }
  return term
}
