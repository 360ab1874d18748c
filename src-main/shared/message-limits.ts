// How large one request to the lab may be. The host enforces these; the renderer checks them
// before sending, so that a person gets the reason instead of a dropped connection.

const MiB = 2 ** 20

/** The largest lab file an import takes; a browser upload is carried whole in one message. */
export const MAX_IMPORT_BYTES = 256 * MiB
/** MAX_IMPORT_BYTES as base64, which is how lab:import carries it. */
export const MAX_IMPORT_BASE64_CHARS = 4 * Math.ceil(MAX_IMPORT_BYTES / 3)
/**
 * Any message but an import: a 4 MiB manifest, escaped and in UTF-8, with room to spare. This also
 * bounds the strings of a command (names, paths) that the contract leaves to the engine to judge.
 */
export const MAX_MESSAGE_BYTES = 16 * MiB
/** The largest message at all: an import at its limit, with room for its file name. */
export const MAX_PAYLOAD_BYTES = MAX_IMPORT_BASE64_CHARS + 64 * 1024

/** "259.0 MiB": sizes in a message a person reads. */
export function mebibytes(bytes: number, digits = 1): string {
  return `${(bytes / MiB).toFixed(digits)} MiB`
}

export const IMPORT_LIMIT = `A lab file to import can be at most ${mebibytes(MAX_IMPORT_BYTES, 0)}`
