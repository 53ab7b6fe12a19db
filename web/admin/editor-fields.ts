// The venue editor's form: every field of the standard v1.0.2 with its control (checkboxes from the standard's
// enumerations, e-mail, URL, phone inputs), the values read back as the API takes them, the same checks as the
// API's on contacts, and field errors (the form's own or the API's problem+json `errors[]`) shown by the field.
import { ENUM_FIELDS, TYPOLOGIES, type EnumField } from '../../domain/standard/enums.ts'
import { TYPOLOGIE_LABELS } from '../../domain/standard/typologie-labels.ts'
import { isValidCourriel, normalizeUrl } from '../../domain/standard/contacts.ts'
import { normalizeTelephone } from '../../domain/standard/telephone.ts'
import { esc } from './api.ts'

type Control = 'text' | 'textarea' | 'number' | 'tel' | 'url' | 'emails' | 'urls' | 'lines' | 'choices' | 'hours'
export interface FieldSpec {
  name: string
  label: string
  control: Control
  hint?: string
  required?: boolean
  maxLength?: number
}
export interface FieldError {
  field: string
  message: string
}

const choices = (name: EnumField | 'typologie', label: string, hint?: string): FieldSpec => ({ name, label, control: 'choices', hint })

/** Sections in the order a person reads a venue's sheet; names are the standard's. */
export const SECTIONS: { title: string; fields: FieldSpec[] }[] = [
  {
    title: 'Identité',
    fields: [
      { name: 'nom', label: 'Nom', control: 'text', required: true },
      { name: 'pivot', label: 'SIRET ou RNA de la structure', control: 'text', hint: '14 chiffres (SIRET) ou W suivi de 9 chiffres (RNA)' },
      { name: 'structure_parente', label: 'Structure parente', control: 'text' },
      choices('typologie', 'Type de structure'),
    ],
  },
  {
    title: 'Adresse et position',
    fields: [
      { name: 'adresse', label: 'Adresse', control: 'text', required: true },
      { name: 'complement_adresse', label: 'Complément d’adresse', control: 'text' },
      { name: 'code_postal', label: 'Code postal', control: 'text', required: true, hint: '5 chiffres' },
      { name: 'commune', label: 'Commune', control: 'text', required: true },
      { name: 'code_insee', label: 'Code INSEE de la commune', control: 'text', hint: '5 caractères, par exemple 33063' },
      { name: 'latitude', label: 'Latitude', control: 'number', hint: 'ou faites glisser l’épingle sur la carte' },
      { name: 'longitude', label: 'Longitude', control: 'number' },
      choices('itinerance', 'Itinérance'),
    ],
  },
  {
    title: 'Contact',
    fields: [
      { name: 'telephone', label: 'Téléphone', control: 'tel', hint: 'un seul numéro, par exemple 05 56 00 00 00' },
      { name: 'courriels', label: 'Adresses électroniques', control: 'emails', hint: 'une par ligne' },
      { name: 'site_web', label: 'Sites web', control: 'urls', hint: 'une adresse par ligne, par exemple https://mediatheque.example.fr' },
      { name: 'prise_rdv', label: 'Prise de rendez-vous en ligne', control: 'url', hint: 'adresse https://…' },
      {
        name: 'fiche_acces_libre',
        label: 'Fiche Accès Libre (accessibilité)',
        control: 'url',
        hint: 'adresse https://acceslibre.beta.gouv.fr/…',
      },
    ],
  },
  { title: 'Horaires', fields: [{ name: 'horaires', label: 'Horaires d’ouverture', control: 'hours' }] },
  {
    title: 'Offre',
    fields: [
      choices('services', 'Services'),
      choices('publics_specifiquement_adresses', 'Publics spécifiquement adressés'),
      choices('prise_en_charge_specifique', 'Prise en charge spécifique'),
      choices('frais_a_charge', 'Frais à la charge de la personne'),
      choices('modalites_acces', 'Modalités d’accès'),
      choices('modalites_accompagnement', 'Modalités d’accompagnement'),
    ],
  },
  {
    title: 'Dispositifs et labels',
    fields: [
      choices('dispositif_programmes_nationaux', 'Dispositifs et programmes nationaux'),
      choices('formations_labels', 'Formations et labels'),
      { name: 'autres_formations_labels', label: 'Autres formations et labels', control: 'lines', hint: 'un par ligne' },
    ],
  },
  {
    title: 'Présentation',
    fields: [
      { name: 'presentation_resume', label: 'Présentation courte', control: 'textarea', maxLength: 280, hint: '280 caractères au plus' },
      { name: 'presentation_detail', label: 'Présentation détaillée', control: 'textarea' },
    ],
  },
]
export const FIELDS: FieldSpec[] = SECTIONS.flatMap((s) => s.fields)
const LIST_CONTROLS = new Set<Control>(['emails', 'urls', 'lines', 'choices'])

const optionsOf = (name: string): readonly string[] => (name === 'typologie' ? TYPOLOGIES : (ENUM_FIELDS[name as EnumField] ?? []))
const optionLabel = (name: string, value: string) =>
  name === 'typologie' && TYPOLOGIE_LABELS[value] ? `${TYPOLOGIE_LABELS[value]} (${value})` : value
const hintOf = (f: FieldSpec) => (f.hint ? `<span class="fr-hint-text">${esc(f.hint)}</span>` : '')
const errorSlot = (name: string) => `<p class="fr-error-text editor-error" id="err-${name}" hidden></p>`

function control(f: FieldSpec, value: unknown): string {
  const id = `f-${f.name}`
  const described = `aria-describedby="err-${f.name}"`
  const required = f.required ? ' required' : ''
  const list = Array.isArray(value) ? (value as string[]) : []
  switch (f.control) {
    case 'choices': {
      const values = optionsOf(f.name)
      const extra = list.filter((v) => !values.includes(v))
      // 92 structure types: a scrolling box rather than a page of checkboxes.
      return `<fieldset class="fr-fieldset editor-choices${f.name === 'typologie' ? ' editor-choices--long' : ''}" id="${id}"
        data-field="${f.name}" aria-labelledby="${id}-legend err-${f.name}">
        <legend class="fr-fieldset__legend fr-text--regular" id="${id}-legend">${esc(f.label)}</legend>
        ${[...values, ...extra]
          .map(
            (v, i) => `<div class="fr-fieldset__element"><div class="fr-checkbox-group fr-checkbox-group--sm">
          <input type="checkbox" id="${id}-${i}" name="${f.name}" value="${esc(v)}"${list.includes(v) ? ' checked' : ''}>
          <label class="fr-label" for="${id}-${i}">${esc(optionLabel(f.name, v))}</label></div></div>`,
          )
          .join('')}
        ${errorSlot(f.name)}</fieldset>`
    }
    case 'hours':
      return `<div class="fr-input-group" id="group-${f.name}"><div id="hours-editor"></div>${errorSlot(f.name)}</div>`
    case 'textarea':
    case 'emails':
    case 'urls':
    case 'lines': {
      const text = LIST_CONTROLS.has(f.control) ? list.join('\n') : String(value ?? '')
      const rows = f.control === 'textarea' ? 4 : Math.max(2, list.length + 1)
      return `<div class="fr-input-group" id="group-${f.name}"><label class="fr-label" for="${id}">${esc(f.label)}${hintOf(f)}</label>
        <textarea class="fr-input" id="${id}" name="${f.name}"
          rows="${rows}"${f.maxLength ? ` maxlength="${f.maxLength}"` : ''} ${described}>${esc(text)}</textarea>${errorSlot(f.name)}</div>`
    }
    default: {
      const type = f.control === 'number' ? 'number" step="any' : f.control
      const extra = f.control === 'tel' ? ' autocomplete="off"' : ''
      return `<div class="fr-input-group" id="group-${f.name}">
        <label class="fr-label" for="${id}">${esc(f.label)}${f.required ? ' <span aria-hidden="true">*</span>' : ''}${hintOf(f)}</label>
        <input class="fr-input" id="${id}" name="${f.name}" type="${type}"
          value="${esc(value ?? '')}"${required}${extra} ${described}>${errorSlot(f.name)}</div>`
    }
  }
}

/** The form's fields, by section (the hours editor mounts in #hours-editor afterwards). */
export function renderFields(venue: Record<string, unknown>): string {
  return SECTIONS.map(
    (s) =>
      `<section class="editor-section" aria-labelledby="sec-${s.title.replace(/\W+/g, '-')}">
        <h3 class="fr-h5" id="sec-${s.title.replace(/\W+/g, '-')}">${esc(s.title)}</h3>
      ${s.fields.map((f) => control(f, venue[f.name])).join('')}</section>`,
  ).join('')
}

const splitLines = (text: string) =>
  text
    .split(/\n+/)
    .map((s) => s.trim())
    .filter(Boolean)

/** The values as the API takes them (lists as arrays, empty as null); hours come from the hours editor. */
export function readFields(form: HTMLElement, hours: string | null): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const f of FIELDS) {
    if (f.control === 'hours') {
      out[f.name] = hours
      continue
    }
    if (f.control === 'choices') {
      out[f.name] = [...form.querySelectorAll<HTMLInputElement>(`input[name="${f.name}"]:checked`)].map((i) => i.value)
      continue
    }
    const raw = (form.querySelector<HTMLInputElement | HTMLTextAreaElement>(`#f-${f.name}`)?.value ?? '').trim()
    if (LIST_CONTROLS.has(f.control)) out[f.name] = splitLines(raw)
    else if (f.control === 'number') out[f.name] = raw === '' ? null : Number(raw)
    else out[f.name] = raw === '' ? null : raw
  }
  return out
}

/** The checks the API makes on contacts, where it would otherwise drop a bad address with only a warning. */
export function checkFields(values: Record<string, unknown>): FieldError[] {
  const errors: FieldError[] = []
  for (const f of FIELDS)
    if (f.required && (values[f.name] === null || values[f.name] === '')) errors.push({ field: f.name, message: 'obligatoire' })
  const phone = values.telephone as string | null
  if (phone) {
    const n = normalizeTelephone(phone, values.code_postal as string | null)
    if (n.value === null || n.invalid.length)
      errors.push({ field: 'telephone', message: 'numéro invalide : par exemple 05 56 00 00 00 ou +33556000000' })
    else if (n.ignored.length) errors.push({ field: 'telephone', message: 'un seul numéro est possible' })
  }
  const badMails = (values.courriels as string[]).filter((m) => !isValidCourriel(m.replace(/^mailto:/i, '')))
  if (badMails.length) errors.push({ field: 'courriels', message: `adresse invalide : ${badMails.join(', ')}` })
  const badUrls = (values.site_web as string[]).filter((u) => normalizeUrl(u) === null)
  if (badUrls.length) errors.push({ field: 'site_web', message: `adresse web invalide : ${badUrls.join(', ')} (attendu https://…)` })
  for (const name of ['prise_rdv', 'fiche_acces_libre']) {
    const url = values[name] as string | null
    if (url && normalizeUrl(url) === null) errors.push({ field: name, message: 'adresse web invalide (attendu https://…)' })
  }
  for (const name of ['latitude', 'longitude'])
    if (values[name] !== null && !Number.isFinite(values[name])) errors.push({ field: name, message: 'nombre attendu' })
  if (values.code_postal && !/^\d{5}$/.test(String(values.code_postal))) errors.push({ field: 'code_postal', message: '5 chiffres' })
  return errors
}

/** Shows each error by its field (DSFR error state), clears the others; returns the first field in error. */
export function showFieldErrors(form: HTMLElement, errors: FieldError[]): HTMLElement | null {
  for (const slot of form.querySelectorAll<HTMLElement>('.editor-error')) {
    slot.hidden = true
    slot.textContent = ''
  }
  for (const group of form.querySelectorAll('.fr-input-group--error, .fr-fieldset--error'))
    group.classList.remove('fr-input-group--error', 'fr-fieldset--error')
  for (const input of form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid')
  let first: HTMLElement | null = null
  for (const e of errors) {
    const slot = form.querySelector<HTMLElement>(`#err-${CSS.escape(e.field)}`)
    if (!slot) continue
    slot.hidden = false
    slot.textContent = slot.textContent ? `${slot.textContent} ; ${e.message}` : e.message
    const input = form.querySelector<HTMLElement>(`#f-${CSS.escape(e.field)}`)
    input?.setAttribute('aria-invalid', 'true')
    form.querySelector(`#group-${CSS.escape(e.field)}`)?.classList.add('fr-input-group--error')
    if (input?.tagName === 'FIELDSET') input.classList.add('fr-fieldset--error')
    first ??= input?.tagName === 'FIELDSET' ? input.querySelector<HTMLElement>('input') : (input ?? slot)
  }
  return first
}
