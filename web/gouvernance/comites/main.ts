// /gouvernance/comites: the committees' meetings with their frozen yearly report, decisions and minutes; State
// and CINOV-IT representatives log in here to validate; admins record meetings. Printable one meeting at a time.
import '../../src/dsfr.ts'
import './style.css'
import { COMMITTEE_LABELS, PARTY_LABELS, type Committee, type ValidatingRole } from '../../../domain/committees.ts'
import { number, percent } from '../../../domain/governance/charts.ts'
import { escapeHtml as esc } from '../../../domain/html.ts'

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
let csrf = ''
let caller: Caller | null = null

class Problem extends Error {
  constructor(
    readonly status: number,
    detail: string,
  ) {
    super(detail)
  }
}

async function call<T>(method: string, url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' }
  if (method !== 'GET') headers['x-csrf-token'] = csrf
  if (body !== undefined) headers['content-type'] = 'application/json'
  const res = await fetch(url, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) })
  const data = await res.json().catch(() => ({}))
  if (!res.ok) {
    const fields = (data.errors as { field: string; message: string }[] | undefined)?.map((e) => `${e.field} : ${e.message}`).join(' ; ')
    throw new Problem(res.status, `${data.detail ?? `Erreur ${res.status}`}${fields ? ` (${fields})` : ''}`)
  }
  return data as T
}

function flash(message: string, kind: 'success' | 'error' = 'success'): void {
  $('flash').innerHTML = `<div class="fr-alert fr-alert--${kind} fr-alert--sm fr-mb-2w"><p>${esc(message)}</p></div>`
}

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
  const taken = m.report_snapshot.taken_at ? `, figé le ${stampFr(m.report_snapshot.taken_at)}` : ''
  return `<p class="fr-text--sm">Rapport annuel ${m.report_year}${taken}. <a class="fr-link" href="/api/v1/committees/meetings/${m.id}">Données complètes (JSON)</a></p>
    <div class="figures">${figures.map(([label, value]) => `<p class="figure"><strong>${esc(value)}</strong>${esc(label)}</p>`).join('')}</div>`
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

function meetingHtml(m: Meeting): string {
  const party = caller && (caller.role === 'state' || caller.role === 'cinov') ? (caller.role as ValidatingRole) : null
  const canValidate = party && !m.final && !m.validations[party]
  const h = `h-${m.id}`
  return `<article class="meeting" id="seance-${m.id}" data-meeting="${m.id}" aria-labelledby="${h}">
    <h3 id="${h}">${esc(COMMITTEE_LABELS[m.committee])} — ${esc(dateFr(m.held_on))}</h3>
    ${validationHtml(m)}
    <section><h4>Présents</h4>${
      m.attendees.length
        ? `<ul>${m.attendees.map((a) => `<li><strong>${esc(a.organisation)}</strong> : ${esc(a.participants.join(', ') || '—')}</li>`).join('')}</ul>`
        : '<p>Non renseignés.</p>'
    }</section>
    <section><h4>Ordre du jour</h4>${m.agenda.length ? `<ol>${m.agenda.map((a) => `<li>${esc(a)}</li>`).join('')}</ol>` : '<p>Non renseigné.</p>'}</section>
    <section><h4>Décisions</h4>${m.decisions.length ? `<ul>${m.decisions.map((d) => `<li>${esc(d)}</li>`).join('')}</ul>` : '<p>Aucune décision enregistrée.</p>'}</section>
    <section><h4>Compte rendu</h4><p class="minutes">${esc(m.minutes || 'Pas encore rédigé.')}</p></section>
    <section><h4>Rapport annuel figé</h4>${snapshotHtml(m)}</section>
    <div class="actions">
      ${canValidate ? `<button class="fr-btn" type="button" data-validate="${m.id}">Valider le compte rendu pour ${esc(PARTY_LABELS[party])}</button>` : ''}
      <button class="fr-btn fr-btn--secondary" type="button" data-print="${m.id}">Imprimer ce compte rendu</button>
    </div>
  </article>`
}

async function loadMeetings(): Promise<void> {
  try {
    const { items } = await call<{ items: Meeting[] }>('GET', '/api/v1/committees/meetings?limit=50')
    $('meetings').innerHTML = items.length
      ? items.map(meetingHtml).join('')
      : '<p>Aucune séance n’est encore enregistrée. Les séances apparaîtront ici, avec leur ordre du jour, leurs décisions et leur compte rendu.</p>'
  } catch (error) {
    $('meetings').innerHTML =
      `<p>Les séances n’ont pas pu être chargées : ${esc((error as Error).message)}. Rechargez la page dans un instant.</p>`
  }
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
    await loadMeetings()
    document.querySelector<HTMLElement>(`#seance-${m.id} h3`)?.setAttribute('tabindex', '-1')
    document.querySelector<HTMLElement>(`#seance-${m.id} h3`)?.focus()
  } catch (error) {
    validate.disabled = false
    flash((error as Error).message, 'error')
  }
})

const lines = (id: string) =>
  ($(id) as HTMLTextAreaElement).value
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)

$('create-form').addEventListener('submit', async (event) => {
  event.preventDefault()
  const year = ($('m-year') as HTMLInputElement).value
  const body = {
    committee: ($('m-committee') as HTMLSelectElement).value,
    held_on: ($('m-date') as HTMLInputElement).value,
    ...(year ? { report_year: Number(year) } : {}),
    attendees: lines('m-attendees').map((l) => {
      const [organisation, names = ''] = l.split(/\s*:\s*/, 2)
      return {
        organisation,
        participants: names
          .split(',')
          .map((n) => n.trim())
          .filter(Boolean),
      }
    }),
    agenda: lines('m-agenda'),
    decisions: lines('m-decisions'),
    minutes: ($('m-minutes') as HTMLTextAreaElement).value,
  }
  try {
    await call('POST', '/api/v1/committees/meetings', body)
    flash('Séance enregistrée ; le rapport annuel y est figé.')
    ;($('create-form') as HTMLFormElement).reset()
    await loadMeetings()
  } catch (error) {
    flash((error as Error).message, 'error')
  }
})

async function whoAmI(): Promise<void> {
  try {
    const me = await call<{ caller: Caller; csrf_token: string }>('GET', '/api/v1/auth/me')
    caller = me.caller.kind === 'session' ? me.caller : null
    csrf = me.csrf_token
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
  $('account-status').textContent = caller
    ? `Connecté : ${who(caller.label)} (${roleName[caller.role] ?? caller.role}).${caller.role === 'state' || caller.role === 'cinov' ? ' Les comptes rendus en attente portent un bouton de validation.' : ''}`
    : 'Les représentants de l’État et de CINOV-IT se connectent pour valider les comptes rendus.'
}

$('login-form').addEventListener('submit', async (event) => {
  event.preventDefault()
  try {
    await call('POST', '/api/v1/auth/login', {
      email: ($('login-email') as HTMLInputElement).value,
      password: ($('login-password') as HTMLInputElement).value,
    })
    await whoAmI()
    flash('Vous êtes connecté.')
    await loadMeetings()
  } catch (error) {
    flash((error as Error).message, 'error')
  }
})
$('logout').addEventListener('click', async () => {
  await call('POST', '/api/v1/auth/logout').catch(() => undefined)
  location.reload()
})

void whoAmI().then(loadMeetings)
