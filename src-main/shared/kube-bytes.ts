// A []byte field's JSON form (a Secret's data): UTF-8 bytes in base64, as Go's encoding/json
// writes them. Pure; btoa is in every host (Node and the page).

export function base64(text: string): string {
  let binary = ''
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte)
  return btoa(binary)
}
