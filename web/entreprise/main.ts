// /entreprise: a member company's representative keeps its company page and follows its sponsorships; the
// CINOV-IT referent follows every member's activity, confirms memberships and proposals. Same session as /admin.
import '../src/dsfr.ts'
// Only this page has radio buttons (the venue found for a declaration): their DSFR component is loaded here.
import '@gouvfr/dsfr/dist/component/radio/radio.main.min.css'
import './style.css'
import { act, api, esc, setCsrf } from '../admin/api.ts'
import { SPONSORSHIP_KIND_WORDING, type SponsorshipKind } from '../../domain/sponsorship.ts'
import { EXAMPLE_MARK } from '../../domain/needs.ts'
import { wireSessionControls } from '../admin/session-controls.ts'
import { table } from '../admin/partners/form.ts'
import { renderDeclareForm } from './declare.ts'
import { renderOffers } from './offers.ts'

interface Caller {
  role: string
  label: string
  company_id?: string | null
}
interface Sponsorship {
  id: string
  company_nom: string
  venue_id: string
  venue_nom: string
  venue_commune: string
  kind: SponsorshipKind
  status: string
  started_on: string
  version: number
}

const $ = (id: string) => document.getElementById(id)!
const STATUS: Record<string, string> = {
  pending: 'en attente de confirmation',
  active: 'actif',
  ended: 'terminé',
  suspended: 'suspendu',
  declined: 'décliné',
  archived: 'archivé',
}
const EDITABLE: [string, string, string][] = [
  ['nom', 'Raison sociale', 'text'],
  ['adresse', 'Adresse', 'text'],
  ['code_postal', 'Code postal', 'text'],
  ['commune', 'Commune', 'text'],
  ['contact_nom', 'Personne à contacter', 'text'],
  ['contact_courriel', 'Courriel de contact', 'email'],
  ['contact_telephone', 'Téléphone de contact', 'tel'],
  ['site_web', 'Site web', 'url'],
]

function sponsorshipTable(items: Sponsorship[], actions: boolean): string {
  if (items.length === 0) return '<p>Aucun parrainage pour l’instant.</p>'
  const decision = (s: Sponsorship) =>
    `<button class="fr-btn fr-btn--sm" type="button" data-accept="${esc(s.id)}">Confirmer</button>
    <button class="fr-btn fr-btn--sm fr-btn--secondary" type="button" data-decline="${esc(s.id)}">Décliner</button>`
  const cells = items.map((s) => [
    esc(s.company_nom),
    `<a href="/lieux/${esc(s.venue_id)}">${esc(s.venue_nom)}</a> (${esc(s.venue_commune)})`,
    esc(SPONSORSHIP_KIND_WORDING[s.kind]?.title ?? s.kind),
    esc(s.started_on),
    esc(STATUS[s.status] ?? s.status),
    ...(actions ? [decision(s)] : []),
  ])
  const headers = ['Entreprise', 'Lieu', 'Type', 'Début', 'État', ...(actions ? ['Décision'] : [])]
  return table(
    'Parrainages',
    headers,
    cells,
    items.map((s) => `data-sponsorship="${esc(s.id)}" data-status="${esc(s.status)}"`),
  )
}

async function companySpace(companyId: string) {
  $('company-section').hidden = false
  const company = await api<Record<string, unknown> & { id: string; version: number; nom: string }>('GET', `/api/v1/companies/${companyId}`)
  ;($('company-public') as HTMLAnchorElement).href = `/parrainages/entreprises/${company.id}`
  const form = $('company-form')
  form.innerHTML = `${EDITABLE.map(
    ([field, label, type]) => `<div class="fr-input-group"><label class="fr-label" for="company-${field}">${esc(label)}</label>
      <input class="fr-input" id="company-${field}" name="${field}" type="${type}" value="${esc(company[field] ?? '')}"></div>`,
  ).join('')}<button class="fr-btn" type="submit">Enregistrer la fiche</button>`
  form.onsubmit = async (event) => {
    event.preventDefault()
    const body: Record<string, string | null> = {}
    for (const [field] of EDITABLE) {
      const value = (form.querySelector(`[name="${field}"]`) as HTMLInputElement).value.trim()
      if (value !== (company[field] ?? '')) body[field] = value === '' && field !== 'nom' ? null : value
    }
    const ok = await act('Fiche enregistrée.', () =>
      api('PATCH', `/api/v1/companies/${company.id}`, body, { 'if-match': `"${company.id}-v${company.version}"` }),
    )
    if (ok) await companySpace(companyId)
  }
  await companySponsorships(companyId)
  renderDeclareForm($('company-declare'), companyId, () => companySponsorships(companyId))
  renderOffers($('company-offers'), companyId)
}

async function companySponsorships(companyId: string) {
  const { items } = await api<{ items: Sponsorship[] }>('GET', `/api/v1/sponsorships?company_id=${companyId}&limit=1000`)
  $('company-sponsorships').innerHTML = sponsorshipTable(items, false)
}

async function cinovSpace() {
  $('cinov-section').hidden = false
  const activity = await api<{
    companies: {
      id: string
      nom: string
      commune: string | null
      cinov_member_since: string | null
      is_example: boolean
      pending: number
      active: number
      other: number
    }[]
    pending: Sponsorship[]
  }>('GET', '/api/v1/partners/activity')
  const badge = (c: { is_example: boolean }) =>
    c.is_example ? ` <span class="fr-badge fr-badge--sm fr-badge--warning">${EXAMPLE_MARK}</span>` : ''
  const membership = (c: { id: string; nom: string; cinov_member_since: string | null }) =>
    `<form data-membership="${esc(c.id)}"><label class="fr-label" for="since-${esc(c.id)}">Date d’adhésion de ${esc(c.nom)}</label>
    <input class="fr-input" type="date" id="since-${esc(c.id)}" value="${esc(c.cinov_member_since ?? '')}" required>
    <button class="fr-btn fr-btn--sm" type="submit">Confirmer l’adhésion</button></form>`
  $('cinov-activity').innerHTML = activity.companies.length
    ? table(
        'Entreprises membres',
        ['Entreprise', 'Membre depuis', 'En attente', 'Actifs', 'Autres', 'Adhésion'],
        activity.companies.map((c) => [
          `<a href="/parrainages/entreprises/${esc(c.id)}">${esc(c.nom)}</a>${badge(c)}`,
          esc(c.cinov_member_since ?? 'non confirmée'),
          String(c.pending),
          String(c.active),
          String(c.other),
          membership(c),
        ]),
      )
    : '<p>Aucune entreprise membre n’est encore inscrite.</p>'
  for (const form of document.querySelectorAll<HTMLFormElement>('[data-membership]')) {
    form.onsubmit = async (event) => {
      event.preventDefault()
      const id = form.dataset.membership!
      const current = await api<{ version: number }>('GET', `/api/v1/companies/${id}`)
      const since = (form.querySelector('input') as HTMLInputElement).value
      if (
        await act('Adhésion confirmée.', () =>
          api(
            'PATCH',
            `/api/v1/companies/${id}`,
            { cinov_member_since: since, cinov_status: 'active' },
            { 'if-match': `"${id}-v${current.version}"` },
          ),
        )
      )
        await cinovSpace()
    }
  }
  $('cinov-pending').innerHTML = activity.pending.length
    ? sponsorshipTable(activity.pending, true)
    : '<p>Aucune proposition en attente.</p>'
  for (const button of document.querySelectorAll<HTMLButtonElement>('#cinov-pending [data-accept], #cinov-pending [data-decline]')) {
    button.onclick = async () => {
      const accept = button.dataset.accept !== undefined
      const id = button.dataset.accept ?? button.dataset.decline!
      if (
        await act(accept ? 'Parrainage confirmé.' : 'Proposition déclinée.', () =>
          api('POST', `/api/v1/sponsorships/${id}/${accept ? 'accept' : 'decline'}`, {}),
        )
      )
        await cinovSpace()
    }
  }
}

async function start() {
  let caller: Caller
  try {
    const me = await api<{ caller: Caller & { kind: string }; csrf_token: string }>('GET', '/api/v1/auth/me')
    if (me.caller.kind !== 'session') throw new Error('not a session')
    caller = me.caller
    setCsrf(me.csrf_token)
  } catch {
    $('login-section').hidden = false
    $('space').hidden = true
    return
  }
  $('login-section').hidden = true
  $('space').hidden = false
  const roleName: Record<string, string> = { company: 'entreprise membre', cinov: 'référent CINOV-IT' }
  $('who').textContent = `Connecté : ${caller.label.replace(/^utilisateur:/, '')} (${roleName[caller.role] ?? caller.role})`
  if (caller.role === 'company' && caller.company_id) await companySpace(caller.company_id)
  else if (caller.role === 'cinov' || caller.role === 'admin') await cinovSpace()
  else $('other-section').hidden = false
  document.body.dataset.ready = 'true'
}

wireSessionControls(start)

void start()
