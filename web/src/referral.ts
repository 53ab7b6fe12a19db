// The referral sheet's selection lives in this browser only (localStorage): nothing is sent to the server.
export interface SheetVenue {
  id: string
  nom: string
}

const KEY = 'maillage:fiche-orientation'

export function sheetVenues(): SheetVenue[] {
  try {
    const value = JSON.parse(localStorage.getItem(KEY) ?? '[]') as unknown
    return Array.isArray(value) ? value.filter((v): v is SheetVenue => typeof v?.id === 'string' && typeof v?.nom === 'string') : []
  } catch {
    return []
  }
}

function save(venues: SheetVenue[]): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(venues))
  } catch {
    /* private mode: the selection is lost on reload */
  }
  window.dispatchEvent(new CustomEvent('maillage:sheet'))
}

export function isInSheet(id: string): boolean {
  return sheetVenues().some((v) => v.id === id)
}

export function addToSheet(venue: SheetVenue): void {
  if (!isInSheet(venue.id)) save([...sheetVenues(), venue])
}

export function removeFromSheet(id: string): void {
  save(sheetVenues().filter((v) => v.id !== id))
}

export function clearSheet(): void {
  save([])
}

/** The link to the sheet says how many venues it holds: "Fiche d’orientation (3 lieux)". */
export function sheetLinkText(count: number, base = 'Fiche d’orientation'): string {
  return count ? `${base} (${count} lieu${count > 1 ? 'x' : ''})` : base
}
