// Admins adopt a new version of the network criteria (art. 8) on the committee's decision: the list in force is
// the starting point; each criterion has a code, a wording and the data measure that computes it (or none).
import { CRITERION_MEASURES, MEASURE_LABELS } from '../../../domain/committees.ts'
import { escapeHtml as esc } from '../../../domain/html.ts'
import { call, flash, type Problem, showErrors } from './call.ts'

interface Criterion {
  code: string
  libelle: string
  mesure: string | null
}
interface MeetingRef {
  id: string
  label: string
}

let rows: Criterion[] = []

function rowHtml(c: Criterion, i: number): string {
  const n = i + 1
  const measures = [['', 'Aucune : vérifié par le comité'], ...CRITERION_MEASURES.map((m) => [m, MEASURE_LABELS[m]])]
  return `<fieldset class="criterion-row" data-row="${i}" aria-labelledby="cr-${i}-legend">
    <legend class="fr-text--md fr-text--bold" id="cr-${i}-legend">Critère ${n}</legend>
    <div class="fr-input-group"><label class="fr-label" for="cr-${i}-code">Code du critère ${n}
      <span class="fr-hint-text">minuscules, chiffres et _</span></label>
      <input class="fr-input" id="cr-${i}-code" value="${esc(c.code)}" required></div>
    <div class="fr-input-group"><label class="fr-label" for="cr-${i}-libelle">Libellé du critère ${n}</label>
      <input class="fr-input" id="cr-${i}-libelle" value="${esc(c.libelle)}" required></div>
    <div class="fr-select-group"><label class="fr-label" for="cr-${i}-mesure">Mesure du critère ${n}</label>
      <select class="fr-select" id="cr-${i}-mesure">${measures
        .map(([v, l]) => `<option value="${v}"${(c.mesure ?? '') === v ? ' selected' : ''}>${esc(l)}</option>`)
        .join('')}</select></div>
    <button class="fr-btn fr-btn--sm fr-btn--tertiary" type="button" data-remove="${i}">Retirer le critère ${n}</button>
  </fieldset>`
}

/** Reads the rows back, so adding or removing one keeps what was typed. */
function readRows(form: HTMLElement): Criterion[] {
  return rows.map((_, i) => {
    const value = (f: string) => form.querySelector<HTMLInputElement | HTMLSelectElement>(`#cr-${i}-${f}`)!.value.trim()
    return { code: value('code'), libelle: value('libelle'), mesure: value('mesure') || null }
  })
}

/** `criteria.2.code` → the code input of the third row. */
const fieldId = (field: string) => {
  const [, index, name] = field.match(/^criteria\.(\d+)\.(\w+)/) ?? []
  if (index !== undefined) return `cr-${index}-${name}`
  return field === 'criteria' ? 'cr-0-code' : `criteria-${field.replaceAll('_', '-')}`
}

export async function renderCriteriaForm(box: HTMLElement, meetings: MeetingRef[]): Promise<void> {
  const current = await call<{ version: number | null; adopted_on: string | null; criteria: Criterion[] }>(
    'GET',
    '/api/v1/governance/criteria',
  )
  rows = current.criteria.length ? current.criteria.map(({ code, libelle, mesure }) => ({ code, libelle, mesure })) : []
  if (rows.length === 0) rows.push({ code: '', libelle: '', mesure: null })
  const inForce = current.version
    ? `Version en vigueur : ${current.version}, adoptée le ${esc(current.adopted_on)}. Le formulaire part de cette liste.`
    : 'Aucune liste n’est encore adoptée.'
  box.innerHTML = `<h2 id="h-criteria-form">Adopter une version des critères du réseau (art. 8)</h2>
    <p class="fr-text--sm">${inForce} Les versions précédentes restent consultables ; la part des lieux qui remplissent chaque
      critère mesurable s’affiche sur le <a class="fr-link" href="/gouvernance/">tableau de bord</a>.</p>
    <form id="criteria-form" novalidate>
      <div class="fr-input-group"><label class="fr-label" for="criteria-adopted-on">Date d’adoption</label>
        <input class="fr-input" id="criteria-adopted-on" type="date" required></div>
      <div class="fr-select-group"><label class="fr-label" for="criteria-meeting-id">Séance qui l’adopte (facultatif)</label>
        <select class="fr-select" id="criteria-meeting-id"><option value="">Aucune</option>${meetings
          .map((m) => `<option value="${esc(m.id)}">${esc(m.label)}</option>`)
          .join('')}</select></div>
      <div id="criteria-rows"></div>
      <button class="fr-btn fr-btn--secondary fr-btn--sm" type="button" id="criteria-add">Ajouter un critère</button>
      <div><button class="fr-btn fr-mt-2w" type="submit">Adopter cette version</button></div>
    </form>`
  const form = box.querySelector<HTMLFormElement>('#criteria-form')!
  const draw = () => {
    form.querySelector('#criteria-rows')!.innerHTML = rows.map(rowHtml).join('')
    for (const button of form.querySelectorAll<HTMLButtonElement>('[data-remove]'))
      button.onclick = () => {
        rows = readRows(form)
        rows.splice(Number(button.dataset.remove), 1)
        if (rows.length === 0) rows.push({ code: '', libelle: '', mesure: null })
        draw()
        form.querySelector<HTMLElement>('#criteria-add')!.focus()
      }
  }
  draw()
  form.querySelector<HTMLButtonElement>('#criteria-add')!.onclick = () => {
    rows = readRows(form)
    rows.push({ code: '', libelle: '', mesure: null })
    draw()
    form.querySelector<HTMLInputElement>(`#cr-${rows.length - 1}-code`)!.focus()
  }
  form.onsubmit = async (event) => {
    event.preventDefault()
    rows = readRows(form)
    const adopted = form.querySelector<HTMLInputElement>('#criteria-adopted-on')!.value
    const meeting = form.querySelector<HTMLSelectElement>('#criteria-meeting-id')!.value
    showErrors(form, [], fieldId)
    try {
      const body = { adopted_on: adopted, criteria: rows, ...(meeting ? { meeting_id: meeting } : {}) }
      const saved = await call<{ version: number }>('POST', '/api/v1/governance/criteria', body)
      flash(`Version ${saved.version} des critères adoptée : elle est désormais en vigueur.`)
      await renderCriteriaForm(box, meetings)
    } catch (error) {
      const e = error as Problem
      flash(e.message, 'error')
      showErrors(form, e.errors, fieldId)?.focus()
    }
  }
}
