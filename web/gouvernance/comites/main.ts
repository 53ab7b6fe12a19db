// /gouvernance/comites: the committees' meetings with their frozen yearly report, decisions and minutes; State
// and CINOV-IT representatives log in here to validate; admins record and edit meetings and adopt the network
// criteria. Printable one meeting at a time.
import '../../src/dsfr.ts'
import './style.css'
import { COMMITTEE_LABELS, PARTY_LABELS, type Committee, type ValidatingRole } from '../../../domain/committees.ts'
import { number, percent } from '../../../domain/governance/charts.ts'
import { escapeHtml as esc } from '../../../domain/html.ts'
import { call, flash, type Problem, setCsrf, showErrors } from './call.ts'
import { renderCriteriaForm } from './criteria-form.ts'
import { editFormHtml, fieldId, readTexts, wireEditForm } from './edit.ts'

interface Meeting {
  id: string
  committee: Committee
  held_on: string
  attendees: { organisation: string; participants: string[] }[]
  agenda: string[]
  decisions: string[]
  minutes: string
  report_year: number
  report_snapshot: {
    taken_at?: string
    as_of?: string
    basis?: 'meeting_date' | 'meeting_day' | 'before_meeting'
    not_as_of?: string[]
    indicators?: {
      venues?: { published: number; per_10000: number }
      coverage_km?: Record<string, number>
      white_zones?: { count: number }
      sponsorships?: { active: number; emplois_avenir_youth: number; devices_donated: number }
    }
  }
  validations: Record<ValidatingRole, { by: string; at: string } | null>
  final: boolean
  finalized_at: string | null
  content_hash: string | null
  version: number
}
interface Caller {
  kind: string
  role: string
  label: string
}

const $ = (id: string) => document.getElementById(id)!
let caller: Caller | null = null
let meetings: Meeting[] = []

const dateFr = (day: string) => new Date(`${day}T12:00:00Z`).toLocaleDateString('fr-FR', { day: 'numeric', month: 'long', year: 'numeric' })
const stampFr = (iso: string) => new Date(iso).toLocaleString('fr-FR', { dateStyle: 'long', timeStyle: 'short' })
const who = (label: string) => label.replace(/^utilisateur:/, '').replace(/^clé:/, 'clé ')

function snapshotHtml(m: Meeting): string {
  const ind = m.report_snapshot.indicators
  if (!ind) return '<p>Rapport indisponible.</p>'
  const figures: [string, string][] = [
    ['Lieux publiés', number(ind.venues?.published ?? 0)],
    ['Lieux pour 10 000 habitants', String(ind.venues?.per_10000 ?? 0).replace('.', ',')],
    ['Population à moins de 10 km', percent(ind.coverage_km?.['10'] ?? 0)],
    ['Zones blanches', number(ind.white_zones?.count ?? 0)],
    ['Parrainages en cours', number(ind.sponsorships?.active ?? 0)],
    ['Jeunes en emploi d’avenir', number(ind.sponsorships?.emplois_avenir_youth ?? 0)],
  ]
  return `<p class="fr-text--sm" data-as-of="${esc(m.report_snapshot.as_of ?? '')}">Rapport annuel ${m.report_year} — ${asOfText(m)}
    <a class="fr-link" href="/api/v1/committees/meetings/${m.id}">Données complètes (JSON)</a></p>
    <div class="figures">${figures
      .map(([label, value]) => `<p class="figure"><strong>${esc(value)}</strong>${esc(label)}</p>`)
      .join('')}</div>
    ${notAsOf(m)}`
}

/** The day the figures are at, as the snapshot says; older snapshots only know when they were taken. */
function asOfText(m: Meeting): string {
  const s = m.report_snapshot
  if (!s.as_of) return s.taken_at ? `chiffres à la date de l’enregistrement de la séance, le ${esc(stampFr(s.taken_at))}.` : ''
  const day = esc(dateFr(s.as_of))
  if (s.basis === 'meeting_date') return `chiffres au ${day}, date de la séance, reconstitués depuis l’historique.`
  if (s.basis === 'meeting_day') return `chiffres au ${day}, jour de la séance.`
  return `chiffres au ${day}, jour de l’enregistrement : la séance n’avait pas encore eu lieu.`
}

function notAsOf(m: Meeting): string {
  const parts = m.report_snapshot.not_as_of ?? []
  if (parts.length === 0) return ''
  return `<p class="fr-text--sm fr-mb-1v">Ce que l’historique ne permet pas de reconstituer à cette date (valeur actuelle à
    l’enregistrement) :</p><ul class="fr-text--sm not-as-of">${parts.map((p) => `<li>${esc(p)}</li>`).join('')}</ul>`
}

function validationHtml(m: Meeting): string {
  const parties = (['state', 'cinov'] as const).map((p) => {
    const v = m.validations[p]
    return `<li>${esc(PARTY_LABELS[p])} : ${v ? `validé par ${esc(who(v.by))} le ${esc(stampFr(v.at))}` : 'en attente'}</li>`
  })
  const status = m.final
    ? `<p class="status-final" data-status="final">Compte rendu définitif (validé le ${esc(stampFr(m.finalized_at!))}).</p>
       <p class="hash">Empreinte SHA-256 : <code data-hash>${esc(m.content_hash)}</code></p>`
    : '<p class="status-pending" data-status="pending">En attente de validation par les deux parties.</p>'
  return `${status}<ul>${parties.join('')}</ul>`
}

/** A list of lines, or what to say when there is none. */
const list = (tag: 'ul' | 'ol', items: string[], none: string) =>
  items.length ? `<${tag}>${items.map((i) => `<li>${i}</li>`).join('')}</${tag}>` : `<p>${none}</p>`

function actionsHtml(m: Meeting): string {
  const party = caller && (caller.role === 'state' || caller.role === 'cinov') ? (caller.role as ValidatingRole) : null
  const buttons: string[] = []
  if (party && !m.final && !m.validations[party])
    buttons.push(`<button class="fr-btn" type="button" data-validate="${m.id}">
      Valider le compte rendu pour ${esc(PARTY_LABELS[party])}</button>`)
  if (caller?.role === 'admin' && !m.final)
    buttons.push(`<button class="fr-btn fr-btn--secondary" type="button" data-edit="${m.id}">Modifier la séance</button>`)
  buttons.push(`<button class="fr-btn fr-btn--secondary" type="button" data-print="${m.id}">Imprimer ce compte rendu</button>`)
  return `<div class="actions">${buttons.join('\n')}</div>`
}

function meetingHtml(m: Meeting): string {
  const h = `h-${m.id}`
  const attendees = m.attendees.map((a) => `<strong>${esc(a.organisation)}</strong> : ${esc(a.participants.join(', ') || '—')}`)
  return `<article class="meeting" id="seance-${m.id}" data-meeting="${m.id}" aria-labelledby="${h}">
    <h3 id="${h}">${esc(COMMITTEE_LABELS[m.committee])} — ${esc(dateFr(m.held_on))}</h3>
    ${validationHtml(m)}
    <section><h4>Présents</h4>${list('ul', attendees, 'Non renseignés.')}</section>
    <section><h4>Ordre du jour</h4>${list('ol', m.agenda.map(esc), 'Non renseigné.')}</section>
    <section><h4>Décisions</h4>${list('ul', m.decisions.map(esc), 'Aucune décision enregistrée.')}</section>
    <section><h4>Compte rendu</h4><p class="minutes">${esc(m.minutes || 'Pas encore rédigé.')}</p></section>
    <section><h4>Rapport annuel figé</h4>${snapshotHtml(m)}</section>
    ${actionsHtml(m)}
    <div class="edit-slot"></div>
  </article>`
}

async function loadMeetings(focusId?: string): Promise<void> {
  try {
    const { items } = await call<{ items: Meeting[] }>('GET', '/api/v1/committees/meetings?limit=50')
    meetings = items
    $('meetings').innerHTML = items.length
      ? items.map(meetingHtml).join('')
      : '<p>Aucune séance n’est encore enregistrée. Les séances apparaîtront ici, avec leur ordre du jour, leurs décisions ' +
        'et leur compte rendu.</p>'
  } catch (error) {
    $('meetings').innerHTML =
      `<p>Les séances n’ont pas pu être chargées : ${esc((error as Error).message)}. Rechargez la page dans un instant.</p>`
  }
  if (focusId) focusMeeting(focusId)
  document.body.dataset.ready = 'true'
}

function focusMeeting(id: string): void {
  const heading = document.querySelector<HTMLElement>(`#seance-${id} h3`)
  heading?.setAttribute('tabindex', '-1')
  heading?.focus()
}

async function loadCriteriaForm(): Promise<void> {
  const refs = meetings.map((m) => ({ id: m.id, label: `${COMMITTEE_LABELS[m.committee]} — ${dateFr(m.held_on)}` }))
  await renderCriteriaForm($('criteria-admin'), refs).catch((error: Error) => {
    $('criteria-admin').innerHTML = `<p>Le formulaire des critères n’a pas pu être chargé : ${esc(error.message)}.</p>`
  })
}

$('meetings').addEventListener('click', async (event) => {
  const target = event.target as HTMLElement
  const print = target.closest<HTMLButtonElement>('[data-print]')
  if (print) {
    const article = $(`seance-${print.dataset.print}`)
    document.body.classList.add('print-one')
    article.classList.add('printing')
    window.print()
    document.body.classList.remove('print-one')
    article.classList.remove('printing')
    return
  }
  const edit = target.closest<HTMLButtonElement>('[data-edit]')
  if (edit) {
    const m = meetings.find((x) => x.id === edit.dataset.edit)!
    const slot = document.querySelector<HTMLElement>(`#seance-${m.id} .edit-slot`)!
    slot.innerHTML = editFormHtml(m)
    edit.hidden = true
    wireEditForm(slot.querySelector('form')!, m, loadMeetings)
    slot.querySelector<HTMLElement>('h4')!.focus()
    return
  }
  const validate = target.closest<HTMLButtonElement>('[data-validate]')
  if (!validate) return
  validate.disabled = true
  try {
    const m = await call<Meeting>('POST', `/api/v1/committees/meetings/${validate.dataset.validate}/validate`)
    flash(
      m.final
        ? 'Compte rendu validé : il est désormais définitif.'
        : 'Votre validation est enregistrée. Le compte rendu attend celle de l’autre partie.',
    )
    await loadMeetings(m.id)
  } catch (error) {
    validate.disabled = false
    flash((error as Error).message, 'error')
  }
})

$('create-form').addEventListener('submit', async (event) => {
  event.preventDefault()
  const form = $('create-form') as HTMLFormElement
  const year = ($('m-year') as HTMLInputElement).value
  const body = {
    committee: ($('m-committee') as HTMLSelectElement).value,
    held_on: ($('m-date') as HTMLInputElement).value,
    ...(year ? { report_year: Number(year) } : {}),
    ...readTexts(form, 'm-'),
  }
  showErrors(form, [], createFieldId)
  try {
    const created = await call<Meeting>('POST', '/api/v1/committees/meetings', body)
    flash('Séance enregistrée ; le rapport annuel y est figé à la date de la séance.')
    form.reset()
    await loadMeetings(created.id)
    await loadCriteriaForm()
  } catch (error) {
    const e = error as Problem
    flash(e.message, 'error')
    showErrors(form, e.errors, createFieldId)?.focus()
  }
})

const CREATE_IDS: Record<string, string> = { committee: 'm-committee', held_on: 'm-date', report_year: 'm-year' }
const createFieldId = (field: string) => CREATE_IDS[field] ?? fieldId('m-')(field)

async function whoAmI(): Promise<void> {
  try {
    const me = await call<{ caller: Caller; csrf_token: string }>('GET', '/api/v1/auth/me')
    caller = me.caller.kind === 'session' ? me.caller : null
    setCsrf(me.csrf_token)
  } catch {
    caller = null
  }
  const roleName: Record<string, string> = {
    state: 'représentant de l’État',
    cinov: 'représentant de CINOV-IT',
    admin: 'administrateur',
    curator: 'curateur',
  }
  $('login-form').hidden = caller !== null
  $('logout').hidden = caller === null
  $('create').hidden = caller?.role !== 'admin'
  $('criteria-admin').hidden = caller?.role !== 'admin'
  $('account-status').textContent = caller
    ? `Connecté : ${who(caller.label)} (${roleName[caller.role] ?? caller.role}).${
        caller.role === 'state' || caller.role === 'cinov' ? ' Les comptes rendus en attente portent un bouton de validation.' : ''
      }`
    : 'Les représentants de l’État et de CINOV-IT se connectent pour valider les comptes rendus.'
}

$('login-form').addEventListener('submit', async (event) => {
  event.preventDefault()
  try {
    // The second-factor code only when typed: a representative who enrolled one logs in here too.
    const otp = ($('login-otp') as HTMLInputElement).value.trim()
    await call('POST', '/api/v1/auth/login', {
      email: ($('login-email') as HTMLInputElement).value,
      password: ($('login-password') as HTMLInputElement).value,
      ...(otp ? { otp } : {}),
    })
    await whoAmI()
    flash('Vous êtes connecté.')
    await loadMeetings()
    if (caller?.role === 'admin') await loadCriteriaForm()
  } catch (error) {
    flash((error as Error).message, 'error')
  }
})
$('logout').addEventListener('click', async () => {
  await call('POST', '/api/v1/auth/logout').catch(() => undefined)
  location.reload()
})

void whoAmI()
  .then(() => loadMeetings())
  .then(() => (caller?.role === 'admin' ? loadCriteriaForm() : undefined))
