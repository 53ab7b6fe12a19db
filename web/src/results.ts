// The results list (sorted by distance when searching around a place) and the "no result" help, which
// always says which filter to relax and offers to widen the radius.
import type { VenueItem } from './api.ts'
import { addToSheet, isInSheet, removeFromSheet } from './referral.ts'
import { formatDistance } from './distance.ts'

// Hours in French and phones in national format need opening_hours and libphonenumber-js (the heaviest
// code after MapLibre): loaded as their own chunk from the start, in parallel with the first search, and
// written into each card when they arrive.
const details = import('./card-details.ts')

export interface ResultsCallbacks {
  onShowOnMap(id: string): void
  venueHref(id: string): string
  linkTarget: string | null
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag)
  if (className) node.className = className
  if (text !== undefined) node.textContent = text
  return node
}

export function renderResults(
  list: HTMLOListElement,
  items: VenueItem[],
  startIndex: number,
  selected: string | null,
  cb: ResultsCallbacks,
  openNowKnown: boolean,
): void {
  items.forEach((venue, offset) => {
    const index = startIndex + offset
    const li = el('li', 'result')
    li.id = `lieu-${venue.id}`
    li.dataset.id = venue.id
    if (typeof venue.distance_m === 'number') li.dataset.distance = String(venue.distance_m)
    li.tabIndex = -1
    if (venue.id === selected) li.setAttribute('aria-current', 'true')
    const h3 = el('h3')
    const a = el('a')
    a.href = cb.venueHref(venue.id)
    if (cb.linkTarget) {
      a.target = cb.linkTarget
      a.rel = 'noopener'
      a.title = `${venue.nom} — nouvelle fenêtre`
    }
    a.append(el('span', 'result-number', `${index + 1}. `), document.createTextNode(venue.nom))
    h3.append(a)
    li.append(h3)
    const meta = el('p', 'meta')
    if (typeof venue.distance_m === 'number') {
      meta.append(el('span', 'distance', `à ${formatDistance(venue.distance_m)}`), document.createTextNode(' · '))
    }
    meta.append(document.createTextNode(`${venue.adresse}, ${venue.code_postal} ${venue.commune}`))
    li.append(meta)
    const badges = el('p', 'meta')
    if (venue.open_now === true || openNowKnown) badges.append(el('span', 'fr-badge fr-badge--sm fr-badge--success', 'Ouvert maintenant'))
    for (const frais of venue.frais_a_charge ?? [])
      badges.append(el('span', 'fr-badge fr-badge--sm fr-badge--info fr-badge--no-icon', frais))
    for (const d of (venue.dispositif_programmes_nationaux ?? []).filter(
      (x) => x === 'France Services' || x === 'Conseillers numériques',
    )) {
      badges.append(el('span', 'fr-badge fr-badge--sm fr-badge--blue-cumulus', d))
    }
    if (badges.childNodes.length) li.append(badges)
    if (venue.services?.length) {
      const more = venue.services.length > 3 ? ` et ${venue.services.length - 3} autre${venue.services.length - 3 > 1 ? 's' : ''}` : ''
      li.append(el('p', 'meta', `${venue.services.slice(0, 3).join(' · ')}${more}`))
    }
    if (venue.horaires) {
      const hours = el('p', 'meta hours')
      li.append(hours)
      void details.then(({ hoursSentence }) => {
        const sentence = hoursSentence(venue.horaires)
        if (sentence) hours.textContent = `Horaires : ${sentence}`
        else hours.remove()
      })
    }
    if (venue.telephone) {
      const tel = el('p', 'meta phone')
      li.append(tel)
      void details.then(({ formatPhone }) => {
        const phone = formatPhone(venue.telephone)
        if (!phone) return
        const link = el('a', undefined, phone.display)
        link.href = phone.href
        tel.append(document.createTextNode('Téléphone : '), link)
      })
    }
    const actions = el('div', 'actions')
    if (venue.latitude !== null && venue.longitude !== null) {
      const show = el('button', 'fr-btn fr-btn--tertiary fr-btn--sm fr-icon-map-pin-2-line fr-btn--icon-left', 'Voir sur la carte')
      show.type = 'button'
      show.setAttribute('aria-label', `Voir sur la carte : ${venue.nom}`)
      show.addEventListener('click', () => cb.onShowOnMap(venue.id))
      actions.append(show)
    }
    const group = el('div', 'fr-checkbox-group fr-checkbox-group--sm')
    const box = el('input')
    box.type = 'checkbox'
    box.id = `fiche-${venue.id}`
    box.checked = isInSheet(venue.id)
    box.addEventListener('change', () => {
      if (box.checked) addToSheet({ id: venue.id, nom: venue.nom })
      else removeFromSheet(venue.id)
    })
    const label = el('label', 'fr-label', 'Ajouter à la fiche d’orientation')
    label.htmlFor = box.id
    label.append(el('span', 'fr-sr-only', ` : ${venue.nom}`))
    group.append(box, label)
    actions.append(group)
    li.append(actions)
    list.append(li)
  })
}

export interface Relaxation {
  label: string
  count: number
  apply(): void
}

export function renderEmpty(container: HTMLElement, relaxations: Relaxation[], hasPlace: boolean, nearest: string | null = null): void {
  container.innerHTML = ''
  const box = el('div', 'fr-callout')
  box.append(el('h3', 'fr-callout__title', 'Aucun lieu ne correspond à votre recherche'))
  if (nearest) box.append(el('p', 'fr-callout__text', nearest))
  const useful = relaxations.filter((r) => r.count > 0)
  if (useful.length === 0) {
    box.append(
      el(
        'p',
        'fr-callout__text',
        hasPlace
          ? nearest
            ? 'Essayez une autre commune, ou retirez des filtres.'
            : 'Même en retirant un filtre ou en élargissant le rayon, aucun lieu n’est recensé. Essayez une autre commune.'
          : 'Essayez le nom d’une commune ou un code postal, ou retirez des filtres.',
      ),
    )
  } else {
    box.append(el('p', 'fr-callout__text', 'Vous pouvez :'))
    const ul = el('ul', 'fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm')
    for (const r of useful) {
      const li = el('li')
      const button = el('button', 'fr-btn fr-btn--secondary', `${r.label} (${r.count} lieu${r.count > 1 ? 'x' : ''})`)
      button.type = 'button'
      button.addEventListener('click', r.apply)
      li.append(button)
      ul.append(li)
    }
    box.append(ul)
  }
  container.append(box)
}
