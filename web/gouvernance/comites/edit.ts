// Admins edit a meeting whose minutes are not final: attendees, agenda, decisions, minutes, with If-Match on the
// version read. A stale version (412) or minutes made final meanwhile (409) are explained, nothing is lost silently.
import { escapeHtml as esc } from '../../../domain/html.ts'
import { call, flash, type Problem, showErrors } from './call.ts'

export interface EditableMeeting {
  id: string
  version: number
  attendees: { organisation: string; participants: string[] }[]
  agenda: string[]
  decisions: string[]
  minutes: string
}

const lines = (form: HTMLElement, id: string) =>
  form
    .querySelector<HTMLTextAreaElement>(`#${id}`)!
    .value.split('\n')
    .map((l) => l.trim())
    .filter(Boolean)

/** The four texts of a meeting as typed in a form whose fields are `${prefix}attendees`, … */
export function readTexts(form: HTMLElement, prefix: string) {
  return {
    attendees: lines(form, `${prefix}attendees`).map((l) => {
      const [organisation, names = ''] = l.split(/\s*:\s*/, 2)
      return {
        organisation,
        participants: names
          .split(',')
          .map((n) => n.trim())
          .filter(Boolean),
      }
    }),
    agenda: lines(form, `${prefix}agenda`),
    decisions: lines(form, `${prefix}decisions`),
    minutes: form.querySelector<HTMLTextAreaElement>(`#${prefix}minutes`)!.value,
  }
}

/** `attendees.1.organisation` → the attendees field of the form. */
export const fieldId = (prefix: string) => (field: string) => `${prefix}${field.split('.')[0]}`

function area(id: string, label: string, value: string, rows: number, hint?: string): string {
  const hintHtml = hint ? ` <span class="fr-hint-text">${esc(hint)}</span>` : ''
  return `<div class="fr-input-group"><label class="fr-label" for="${id}">${esc(label)}${hintHtml}</label>
    <textarea class="fr-input" id="${id}" rows="${rows}">${esc(value)}</textarea></div>`
}

export function editFormHtml(m: EditableMeeting): string {
  const p = `e-${m.id}-`
  const attendees = m.attendees.map((a) => `${a.organisation} : ${a.participants.join(', ')}`).join('\n')
  return `<form class="edit-form" data-edit-form="${m.id}" aria-labelledby="${p}title">
    <h4 id="${p}title" tabindex="-1">Modifier la séance</h4>
    <p class="fr-text--sm">Enregistrer une modification annule les validations déjà données : chaque partie devra valider le
      nouveau texte. Le rapport annuel figé n’est pas modifié.</p>
    ${area(`${p}attendees`, 'Présents, par organisation', attendees, 3, 'une ligne par organisation : « Organisation : nom, nom »')}
    ${area(`${p}agenda`, 'Ordre du jour', m.agenda.join('\n'), 3, 'un point par ligne')}
    ${area(`${p}decisions`, 'Décisions', m.decisions.join('\n'), 3, 'une décision par ligne')}
    ${area(`${p}minutes`, 'Compte rendu', m.minutes, 6)}
    <div class="edit-problem" role="alert"></div>
    <button class="fr-btn" type="submit">Enregistrer les modifications</button>
    <button class="fr-btn fr-btn--tertiary" type="button" data-edit-cancel>Annuler</button>
  </form>`
}

/** Wires the form shown for `m`; `reload` redraws the meetings (after a save, or to fetch the newer version). */
export function wireEditForm(form: HTMLFormElement, m: EditableMeeting, reload: (focusId?: string) => Promise<void>): void {
  const p = `e-${m.id}-`
  const problem = form.querySelector<HTMLElement>('.edit-problem')!
  form.querySelector<HTMLButtonElement>('[data-edit-cancel]')!.onclick = () => void reload(m.id)
  form.onsubmit = async (event) => {
    event.preventDefault()
    problem.innerHTML = ''
    showErrors(form, [], fieldId(p))
    try {
      await call('PATCH', `/api/v1/committees/meetings/${m.id}`, readTexts(form, p), { 'if-match': `"${m.id}-v${m.version}"` })
      flash('Séance modifiée. Les validations éventuelles sont annulées : le nouveau texte attend celles des deux parties.')
      await reload(m.id)
    } catch (error) {
      const e = error as Problem
      if (e.status === 412) {
        problem.innerHTML = `<div class="fr-alert fr-alert--error fr-alert--sm"><p>Quelqu’un a modifié cette séance pendant que vous
          la modifiiez (version ${esc(e.currentVersion ?? '?')} ; vous partiez de la version ${m.version}). Rien n’a été enregistré :
          copiez vos changements, rechargez la séance, puis reportez-les.</p>
          <button class="fr-btn fr-btn--sm fr-btn--secondary" type="button" data-edit-reload>Recharger la séance</button></div>`
        problem.querySelector<HTMLButtonElement>('[data-edit-reload]')!.onclick = () => void reload(m.id)
      } else if (e.status === 409) {
        problem.innerHTML = `<div class="fr-alert fr-alert--error fr-alert--sm"><p>Ce compte rendu est devenu définitif entre-temps :
          l’État et CINOV-IT l’ont validé. Il ne peut plus être modifié ; rien n’a été enregistré.</p></div>`
      } else {
        problem.innerHTML = `<div class="fr-alert fr-alert--error fr-alert--sm"><p>${esc(e.message)}</p></div>`
        showErrors(form, e.errors ?? [], fieldId(p))?.focus()
        return
      }
      problem.querySelector<HTMLElement>('.fr-alert')?.setAttribute('tabindex', '-1')
      problem.querySelector<HTMLElement>('.fr-alert')?.focus()
    }
  }
}
