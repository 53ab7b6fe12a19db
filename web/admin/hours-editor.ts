// The opening-hours editor: time slots day by day, public holidays, dated exceptions (closures or special
// hours). It writes OSM `opening_hours` text (domain/opening-hours/editable.ts) and shows, as you type, the
// French sentence the public pages will show (domain/opening-hours/french.ts). Texts the table cannot hold
// are edited as OSM text, still checked by the OSM library and rendered in French.
import OpeningHours from 'opening_hours'
import {
  emptyHours,
  fromOpeningHours,
  slotsProblem,
  toOpeningHours,
  WEEK_DAY_NAMES,
  WEEK_DAYS,
  type EditableHours,
  type TimeSlot,
  type WeekDay,
} from '../../domain/opening-hours/editable.ts'
import { describeHours } from '../../domain/opening-hours/french.ts'
import { FRANCE } from '../../domain/opening-hours/parse.ts'
import { esc } from './api.ts'

const WORKDAYS: WeekDay[] = ['Tu', 'We', 'Th', 'Fr']
const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' })

export class HoursEditor {
  private hours: EditableHours
  private text: string
  private expert: boolean
  /** The stored text and what the table read from it: unchanged hours are saved back exactly as stored. */
  private readonly initial: { text: string | null; table: string }

  constructor(
    private readonly host: HTMLElement,
    initial: string | null,
    private readonly onChange: () => void = () => {},
  ) {
    const table = fromOpeningHours(initial)
    this.hours = table ?? emptyHours()
    this.text = initial ?? ''
    this.expert = table === null
    this.initial = { text: initial, table: JSON.stringify(table) }
    this.render()
  }

  /** The OSM text to store (null: no hours); past exceptions are dropped. */
  value(): string | null {
    if (this.expert) return this.text.trim() || null
    if (JSON.stringify(this.hours) === this.initial.table) return this.initial.text
    const kept = { ...this.hours, exceptions: this.hours.exceptions.filter((e) => (e.to || e.from) >= today()) }
    return toOpeningHours(kept) || null
  }

  /** What prevents saving, in French, or null. */
  problem(): string | null {
    if (this.expert) {
      const text = this.text.trim()
      if (!text) return null
      try {
        const warnings = new OpeningHours(text, FRANCE).getWarnings()
        return warnings.length ? `format OSM douteux : ${warnings[0]}` : null
      } catch (error) {
        return `format OSM illisible : ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`
      }
    }
    for (const day of WEEK_DAYS) {
      const p = slotsProblem(this.hours.week[day])
      if (p) return `${WEEK_DAY_NAMES[day]} : ${p}`
    }
    for (const e of this.hours.exceptions) {
      if (!e.from) return 'exception sans date'
      if (e.to && e.to < e.from) return `exception du ${e.from} : la fin précède le début`
      const p = slotsProblem(e.slots)
      if (p) return `exception du ${e.from} : ${p}`
    }
    return null
  }

  private slotRow(prefix: string, label: string, slots: TimeSlot[]): string {
    return `${slots
      .map(
        (s, i) => `<span class="hours-slot" data-slot="${prefix}:${i}">
        <input class="fr-input hours-time" type="time" id="h-${prefix}-${i}-from" value="${esc(s.from)}"
          aria-label="${esc(label)}, créneau ${i + 1}, ouverture">
        <span aria-hidden="true">–</span>
        <input class="fr-input hours-time" type="time" id="h-${prefix}-${i}-to" value="${esc(s.to)}"
          aria-label="${esc(label)}, créneau ${i + 1}, fermeture">
        <button class="fr-btn fr-btn--tertiary-no-outline fr-btn--sm" type="button" data-remove="${prefix}:${i}"
          aria-label="Retirer le créneau ${i + 1} (${esc(label)})">Retirer</button></span>`,
      )
      .join('')}
      ${slots.length === 0 ? '<span class="hours-closed">Fermé</span>' : ''}
      <button class="fr-btn fr-btn--secondary fr-btn--sm" type="button" data-add="${prefix}"
        aria-label="Ajouter un créneau (${esc(label)})">Ajouter un créneau</button>`
  }

  private render(): void {
    if (this.expert) {
      this.host.innerHTML = `<div class="fr-input-group"><label class="fr-label" for="f-horaires-osm">Horaires au format OpenStreetMap
        <span class="fr-hint-text">Ces horaires utilisent des règles que le tableau ne représente pas (commentaires, mois, semaines…) :
          modifiez le texte, ou repartez d’un tableau vide.</span></label>
        <textarea class="fr-input" id="f-horaires-osm" rows="2">${esc(this.text)}</textarea></div>
        <button class="fr-btn fr-btn--tertiary fr-btn--sm" type="button" id="hours-to-table">Utiliser le tableau (repartir de zéro)</button>
        ${this.preview()}`
      const area = this.host.querySelector<HTMLTextAreaElement>('#f-horaires-osm')!
      area.addEventListener('input', () => {
        this.text = area.value
        this.refreshPreview()
      })
      this.host.querySelector<HTMLButtonElement>('#hours-to-table')!.onclick = () => {
        this.hours = fromOpeningHours(this.text) ?? emptyHours()
        this.expert = false
        this.render()
        this.host.querySelector<HTMLElement>('input')?.focus()
      }
      this.refreshPreview()
      return
    }
    const past = today()
    this.host.innerHTML = `<div class="admin-table"><table class="hours-table">
      <caption>Horaires habituels, jour par jour (vide : fermé)</caption>
      <thead><tr><th scope="col">Jour</th><th scope="col">Créneaux</th></tr></thead><tbody>
      ${WEEK_DAYS.map(
        (d) =>
          `<tr data-day="${d}"><th scope="row">${WEEK_DAY_NAMES[d]}</th>` +
          `<td>${this.slotRow(d, WEEK_DAY_NAMES[d], this.hours.week[d])}</td></tr>`,
      ).join('')}
      </tbody></table></div>
      <button class="fr-btn fr-btn--tertiary fr-btn--sm" type="button"
        id="hours-copy-monday">Appliquer les horaires du lundi du mardi au vendredi</button>
      <div class="fr-select-group fr-mt-2w"><label class="fr-label" for="hours-holidays">Jours fériés</label>
        <select class="fr-select" id="hours-holidays">
          <option value="closed"${this.hours.holidays === 'closed' ? ' selected' : ''}>Fermé les jours fériés</option>
        <option value="usual"${this.hours.holidays === 'usual' ? ' selected' : ''}>Horaires habituels les jours fériés</option></select>
          </div>
      <fieldset class="fr-fieldset hours-exceptions" aria-labelledby="hours-exceptions-legend">
        <legend class="fr-fieldset__legend fr-text--regular"
          id="hours-exceptions-legend">Exceptions (fermetures, horaires particuliers)</legend>
      ${this.hours.exceptions
        .map((e, i) => {
          const label = `exception ${i + 1}`
          return `<div class="hours-exception" data-exception="${i}">
          <div class="admin-inline">
            <div class="fr-input-group"><label class="fr-label" for="h-x${i}-start">Du</label><input
              class="fr-input" type="date" id="h-x${i}-start" value="${esc(e.from)}"></div>
            <div class="fr-input-group"><label class="fr-label" for="h-x${i}-end">Au (inclus)</label><input
              class="fr-input" type="date" id="h-x${i}-end" value="${esc(e.to)}"></div>
            <button class="fr-btn fr-btn--tertiary fr-btn--sm" type="button"
              data-drop-exception="${i}">Supprimer l’exception ${i + 1}</button>
          </div>
          <p class="fr-text--sm fr-mb-1v">${e.slots.length ? 'Ouvert :' : 'Fermé toute la journée, ou ajoutez des créneaux :'} ${
            (e.to || e.from) && (e.to || e.from) < past ? '<strong>(passée : retirée à l’enregistrement)</strong>' : ''
          }</p>
          ${this.slotRow(`x${i}`, label, e.slots)}</div>`
        })
        .join('')}
      <button class="fr-btn fr-btn--secondary fr-btn--sm" type="button" id="hours-add-exception">Ajouter une exception</button></fieldset>
      <button class="fr-btn fr-btn--tertiary-no-outline fr-btn--sm" type="button" id="hours-to-text">Saisir le texte OpenStreetMap</button>
      ${this.preview()}`
    this.wire()
    this.refreshPreview()
  }

  private slotsOf(prefix: string): TimeSlot[] {
    return prefix.startsWith('x') ? this.hours.exceptions[Number(prefix.slice(1))].slots : this.hours.week[prefix as WeekDay]
  }

  private wire(): void {
    const h = this.host
    for (const input of h.querySelectorAll<HTMLInputElement>('input.hours-time')) {
      input.addEventListener('input', () => {
        const [, prefix, index, end] = /^h-(\w+)-(\d+)-(from|to)$/.exec(input.id)!
        this.slotsOf(prefix)[Number(index)][end as 'from' | 'to'] = input.value
        this.refreshPreview()
      })
    }
    for (const b of h.querySelectorAll<HTMLButtonElement>('[data-add]'))
      b.onclick = () => {
        const prefix = b.dataset.add!
        const slots = this.slotsOf(prefix)
        const last = slots[slots.length - 1]
        // A new slot starts after the last one: morning first, then afternoon.
        slots.push(
          last
            ? { from: last.to < '14:00' ? '14:00' : last.to, to: last.to < '14:00' ? '17:00' : '20:00' }
            : { from: '09:00', to: '12:00' },
        )
        this.render()
        h.querySelector<HTMLInputElement>(`#h-${prefix}-${slots.length - 1}-from`)?.focus()
      }
    for (const b of h.querySelectorAll<HTMLButtonElement>('[data-remove]'))
      b.onclick = () => {
        const [prefix, index] = b.dataset.remove!.split(':')
        this.slotsOf(prefix).splice(Number(index), 1)
        this.render()
        h.querySelector<HTMLButtonElement>(`[data-add="${prefix}"]`)?.focus()
      }
    h.querySelector<HTMLButtonElement>('#hours-copy-monday')!.onclick = () => {
      for (const d of WORKDAYS) this.hours.week[d] = this.hours.week.Mo.map((s) => ({ ...s }))
      this.render()
      h.querySelector<HTMLButtonElement>('#hours-copy-monday')?.focus()
    }
    const holidays = h.querySelector<HTMLSelectElement>('#hours-holidays')!
    holidays.onchange = () => {
      this.hours.holidays = holidays.value as 'closed' | 'usual'
      this.refreshPreview()
    }
    for (const [i, e] of this.hours.exceptions.entries()) {
      const start = h.querySelector<HTMLInputElement>(`#h-x${i}-start`)!
      const end = h.querySelector<HTMLInputElement>(`#h-x${i}-end`)!
      start.addEventListener('input', () => {
        if (!e.to || e.to === e.from) {
          e.to = start.value
          end.value = start.value
        }
        e.from = start.value
        this.refreshPreview()
      })
      end.addEventListener('input', () => {
        e.to = end.value
        this.refreshPreview()
      })
    }
    for (const b of h.querySelectorAll<HTMLButtonElement>('[data-drop-exception]'))
      b.onclick = () => {
        this.hours.exceptions.splice(Number(b.dataset.dropException), 1)
        this.render()
        h.querySelector<HTMLButtonElement>('#hours-add-exception')?.focus()
      }
    h.querySelector<HTMLButtonElement>('#hours-add-exception')!.onclick = () => {
      const day = today()
      this.hours.exceptions.push({ from: day, to: day, slots: [] })
      this.render()
      h.querySelector<HTMLInputElement>(`#h-x${this.hours.exceptions.length - 1}-start`)?.focus()
    }
    h.querySelector<HTMLButtonElement>('#hours-to-text')!.onclick = () => {
      this.text = this.value() ?? ''
      this.expert = true
      this.render()
      h.querySelector<HTMLTextAreaElement>('#f-horaires-osm')?.focus()
    }
  }

  private preview(): string {
    return `<div class="hours-preview fr-callout fr-mt-2w"><p class="fr-callout__text fr-text--sm" id="hours-french" aria-live="polite"></p>
      <p class="fr-text--xs fr-mb-0">Format OpenStreetMap enregistré : <code id="hours-osm"></code></p></div>`
  }

  private refreshPreview(): void {
    const problem = this.problem()
    const value = problem ? null : this.value()
    const french = this.host.querySelector<HTMLElement>('#hours-french')!
    const osm = this.host.querySelector<HTMLElement>('#hours-osm')!
    if (problem) {
      french.textContent = `À corriger : ${problem}.`
      osm.textContent = '—'
    } else {
      const text = describeHours(value)
      french.textContent = value
        ? text.sentence + (text.comments.length ? ` (${text.comments.join(', ')})` : '')
        : 'Aucun horaire renseigné.'
      osm.textContent = value ?? '(vide)'
    }
    this.onChange()
  }
}
