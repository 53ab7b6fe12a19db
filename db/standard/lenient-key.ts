// A comparison key that ignores the spelling differences seen between implementations of the
// standard: case, accents, typographic apostrophes and quotes, and any whitespace.
export function lenientKey(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’‘ʼ`´]/g, "'")
    .replace(/[«»"“”]/g, '')
    .replace(/[\s\u00a0\u202f]+/g, '')
}
