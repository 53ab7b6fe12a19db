// The referral sheet ("fiche d'orientation"): the venues picked on the map (kept in this browser only),
// the person's first name and a note (never stored), printed as a clean page.
import './dsfr.ts'
import { getVenue, type VenueItem } from './api.ts'
import { formatPhone, hoursSentence } from './card-details.ts'
import { clearSheet, removeFromSheet, sheetVenues } from './referral.ts'
import { directionsBlock } from './directions.ts'

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T
const container = $<HTMLElement>('sheet-venues')
const nameInput = $<HTMLInputElement>('sheet-name')
const noteInput = $<HTMLTextAreaElement>('sheet-note')
const authorInput = $<HTMLInputElement>('sheet-author')

function text(tag: string, value: string, className?: string): HTMLElement {
  const node = document.createElement(tag)
  node.textContent = value
  if (className) node.className = className
  return node
}

function syncPrintTexts(): void {
  const name = nameInput.value.trim()
  $('sheet-for').textContent = name ? `Pour ${name}` : ''
  $('sheet-note-print').textContent = noteInput.value.trim()
  const author = authorInput.value.trim()
  $('sheet-author-print').textContent = author ? `Orienté par : ${author}` : ''
  $('sheet-date').textContent =
    `Fiche préparée le ` +
    `${new Date().toLocaleDateString('fr-FR', { day: 'numeric', month: 'long', year: 'numeric' })} — informations ` +
    `issues de Maillage (${location.host}).`
}

function venueBlock(venue: VenueItem): HTMLElement {
  const block = document.createElement('article')
  block.className = 'sheet-venue'
  block.append(text('h3', venue.nom, 'fr-h5'))
  block.append(text('p', `${venue.adresse}, ${venue.code_postal} ${venue.commune}`))
  const directions = directionsBlock(venue)
  if (directions) block.append(directions)
  const phone = formatPhone(venue.telephone)
  if (phone) {
    const p = text('p', 'Téléphone : ', 'sheet-phone')
    const link = document.createElement('a')
    link.href = phone.href
    link.textContent = phone.display
    p.append(link)
    block.append(p)
  }
  const courriels = (venue.courriels as string[] | undefined) ?? []
  if (courriels.length) block.append(text('p', `Courriel : ${courriels.join(', ')}`))
  const hours = hoursSentence(venue.horaires)
  block.append(text('p', hours ? `Horaires : ${hours}` : 'Horaires : non renseignés, appelez avant de vous déplacer.', 'sheet-hours'))
  if (venue.modalites_acces?.length) block.append(text('p', `Comment y aller : ${venue.modalites_acces.join(', ')}`))
  if (venue.frais_a_charge?.length) block.append(text('p', `Frais : ${venue.frais_a_charge.join(', ')}`))
  if (venue.services?.length) block.append(text('p', `Services : ${venue.services.join(', ')}`))
  block.append(text('p', `Fiche en ligne : ${location.origin}/lieux/${venue.id}`, 'fr-text--sm'))
  const remove = document.createElement('button')
  remove.type = 'button'
  remove.className = 'fr-btn fr-btn--tertiary fr-btn--sm no-print'
  remove.textContent = 'Retirer de la fiche'
  remove.setAttribute('aria-label', `Retirer de la fiche : ${venue.nom}`)
  remove.addEventListener('click', () => {
    removeFromSheet(venue.id)
    void render()
  })
  block.append(remove)
  return block
}

async function render(): Promise<void> {
  const chosen = sheetVenues()
  container.innerHTML = ''
  if (chosen.length === 0) {
    const p = text('p', 'Aucun lieu choisi pour l’instant. ')
    const a = document.createElement('a')
    a.href = '/'
    a.textContent = 'Chercher des lieux sur la carte'
    p.append(a)
    container.append(p)
    return
  }
  const venues = await Promise.all(chosen.map((v) => getVenue(v.id).catch(() => null)))
  venues.forEach((venue, i) => {
    if (venue) container.append(venueBlock(venue))
    else container.append(text('p', `${chosen[i].nom} : ce lieu n’est plus disponible dans l’annuaire.`))
  })
}

for (const input of [nameInput, noteInput, authorInput]) input.addEventListener('input', syncPrintTexts)
$('sheet-print').addEventListener('click', () => {
  syncPrintTexts()
  window.print()
})
$('sheet-clear').addEventListener('click', () => {
  clearSheet()
  nameInput.value = ''
  noteInput.value = ''
  authorInput.value = ''
  syncPrintTexts()
  void render()
})
syncPrintTexts()
void render()
