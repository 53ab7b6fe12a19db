// The "Fiche d'orientation" link counts the venues put on the referral sheet, and the cards' boxes
// follow the sheet when it changes (in this tab or another).
import { isInSheet, sheetLinkText, sheetVenues } from './referral.ts'

export function setupSheetLink(link: HTMLElement | null, list: HTMLElement): void {
  const sync = () => {
    if (link) link.textContent = sheetLinkText(sheetVenues().length)
  }
  sync()
  window.addEventListener('storage', sync)
  window.addEventListener('maillage:sheet', () => {
    sync()
    for (const box of list.querySelectorAll<HTMLInputElement>('input[id^="fiche-"]')) box.checked = isInSheet(box.id.slice('fiche-'.length))
  })
}
