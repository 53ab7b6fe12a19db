// /admin: login, then the moderation queue, venue editor, duplicates, labels, accounts and keys, audit log.
import '../src/dsfr.ts'
import './style.css'
import { act, api, ApiError, esc, flash, setCsrf } from './api.ts'
import { diffTable, type DiffRow } from './diff.ts'
import { initVenueEditor, openVenue } from './venue-editor.ts'
import { initWebhooks, loadWebhooks } from './webhooks.ts'
import { initSourcesForm, loadSources } from './sources.ts'
import { renderSyncReview } from './sync-review.ts'
import { loadPartners } from './partners/index.ts'

interface Caller {
  id: string
  kind: string
  role: string
  territories: string[]
  label: string
}
interface Submission {
  id: string
  kind: string
  status: string
  venue_id: string | null
  venue_nom: string | null
  submitted_by: string
  message: string | null
  created_at: string
  decision_reason: string | null
  reporter_name: string | null
  reporter_email: string | null
  diff?: DiffRow[]
  payload: Record<string, unknown>
}

const KIND_NAMES: Record<string, string> = {
  create: 'Création',
  update: 'Modification',
  archive: 'Archivage',
  restore: 'Rétablissement',
  report: 'Signalement',
  sync: 'Synchronisation d’un fichier',
}
const $ = (id: string) => document.getElementById(id)!
let caller: Caller | null = null

function showView(name: string): void {
  for (const section of document.querySelectorAll<HTMLElement>('.admin-view')) section.hidden = section.id !== `view-${name}`
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-view]')) {
    if (button.dataset.view === name) button.setAttribute('aria-current', 'page')
    else button.removeAttribute('aria-current')
  }
  const loaders: Record<string, () => Promise<void>> = {
    queue: loadQueue,
    duplicates: loadDuplicates,
    labels: loadLabels,
    accounts: loadAccounts,
    audit: loadAudit,
    webhooks: loadWebhooks,
    sources: () => loadSources($('sources-list')),
    partners: () => loadPartners($('view-partners'), caller?.role ?? ''),
    venue: async () => {},
  }
  void loaders[name]?.()
}

async function start(): Promise<void> {
  try {
    const me = await api<{ caller: Caller; csrf_token: string }>('GET', '/api/v1/auth/me')
    if (me.caller.kind !== 'session') throw new ApiError(401, {})
    caller = me.caller
    setCsrf(me.csrf_token)
  } catch {
    $('login-section').hidden = false
    $('app').hidden = true
    return
  }
  $('login-section').hidden = true
  $('app').hidden = false
  $('who').textContent =
    `${caller.label.replace(/^utilisateur:/, '')} — ${caller.role === 'admin' ? 'administrateur' : `curateur (${caller.territories.join(', ')})`}`
  $('logout').hidden = false
  for (const el of document.querySelectorAll<HTMLElement>('[data-admin]')) el.hidden = caller.role !== 'admin'
  await initVenueEditor()
  initWebhooks()
  const hash = location.hash.match(/^#venue\/([0-9a-f-]{36})$/)
  if (hash) {
    showView('venue')
    await openVenue(hash[1])
  } else showView('queue')
}

$('login-form').addEventListener('submit', async (event) => {
  event.preventDefault()
  try {
    const otp = ($('login-otp') as HTMLInputElement).value.trim()
    await api('POST', '/api/v1/auth/login', {
      email: ($('login-email') as HTMLInputElement).value,
      password: ($('login-password') as HTMLInputElement).value,
      ...(otp ? { otp } : {}),
    })
    flash('Vous êtes connecté.')
    await start()
  } catch (error) {
    flash(error instanceof Error ? error.message : String(error), 'error')
  }
})
$('logout').addEventListener('click', async () => {
  await api('POST', '/api/v1/auth/logout')
  location.reload()
})
for (const button of document.querySelectorAll<HTMLButtonElement>('[data-view]'))
  button.addEventListener('click', () => showView(button.dataset.view!))

// Moderation queue
async function loadQueue(): Promise<void> {
  const status = ($('queue-status') as HTMLSelectElement).value
  const { items } = await api<{ items: Submission[] }>('GET', `/api/v1/submissions?status=${status}&limit=100`)
  $('queue-detail').innerHTML = ''
  $('queue-list').innerHTML =
    items.length === 0
      ? '<p>Rien à examiner.</p>'
      : `<div class="admin-table"><table><caption class="fr-sr-only">Propositions</caption>
    <thead><tr><th scope="col">Date</th><th scope="col">Type</th><th scope="col">Lieu</th><th scope="col">Auteur</th><th scope="col"></th></tr></thead><tbody>
    ${items
      .map(
        (
          s,
        ) => `<tr><td>${esc(new Date(s.created_at).toLocaleString('fr-FR'))}</td><td>${KIND_NAMES[s.kind] ?? s.kind}</td><td>${esc(s.venue_nom)}</td><td>${esc(s.submitted_by)}</td>
      <td><button class="fr-btn fr-btn--sm fr-btn--secondary" type="button" data-submission="${s.id}">Examiner</button></td></tr>`,
      )
      .join('')}
    </tbody></table></div>`
  for (const b of $('queue-list').querySelectorAll<HTMLButtonElement>('[data-submission]'))
    b.onclick = () => {
      void showSubmission(b.dataset.submission!)
    }
}
$('queue-status').addEventListener('change', () => {
  void loadQueue()
})
initSourcesForm($('sources-form') as HTMLFormElement, $('sources-list'))

async function showSubmission(id: string): Promise<void> {
  const s = await api<Submission>('GET', `/api/v1/submissions/${id}`)
  const report =
    s.kind === 'report'
      ? `<p><strong>Message :</strong> ${esc(s.message)}</p><p class="fr-text--sm">${esc(s.reporter_name)} ${esc(s.reporter_email)} ${s.payload.champ ? `— champ ${esc(s.payload.champ)}` : ''}</p>`
      : ''
  const actions =
    s.status === 'pending'
      ? `<div class="admin-inline">
      <button class="fr-btn" type="button" id="approve">Approuver</button>
      <div class="fr-input-group"><label class="fr-label" for="reject-reason">Motif du refus</label><input class="fr-input" id="reject-reason"></div>
      <button class="fr-btn fr-btn--secondary" type="button" id="reject">Refuser</button></div>`
      : `<p>Décision : ${esc(s.status)} ${esc(s.decision_reason)}</p>`
  $('queue-detail').innerHTML = `<h2 class="fr-h4 fr-mt-3w">${KIND_NAMES[s.kind] ?? s.kind} — ${esc(s.venue_nom)}</h2>
    <p class="fr-text--sm">Proposé par ${esc(s.submitted_by)} le ${esc(new Date(s.created_at).toLocaleString('fr-FR'))}${s.venue_id ? ` — <a href="#venue/${s.venue_id}" data-open-venue="${s.venue_id}">ouvrir la fiche</a>` : ''}</p>
    ${report}${diffTable(s.diff ?? [])}${actions}`
  const diff = $('queue-detail').querySelector<HTMLElement>('.admin-table')
  if (s.kind === 'sync' && diff) renderSyncReview(diff, id, s.payload as never, s.status === 'pending', loadQueue)
  $('queue-detail')
    .querySelector<HTMLAnchorElement>('[data-open-venue]')
    ?.addEventListener('click', (e) => {
      e.preventDefault()
      showView('venue')
      void openVenue(s.venue_id!)
    })
  if (s.status !== 'pending') return
  $('approve').onclick = () =>
    act('Proposition approuvée et publiée.', async () => {
      await api('POST', `/api/v1/submissions/${id}/approve`, {})
      await loadQueue()
    })
  $('reject').onclick = () => {
    const reason = ($('reject-reason') as HTMLInputElement).value.trim()
    if (!reason) {
      flash('Indiquez le motif du refus : il est transmis à l’auteur.', 'error')
      return
    }
    void act('Proposition refusée.', async () => {
      await api('POST', `/api/v1/submissions/${id}/reject`, { reason })
      await loadQueue()
    })
  }
}

// Duplicates
interface DuplicateItem {
  id: number
  reason: string
  score: number
  venues: Record<string, unknown>[]
}
async function loadDuplicates(): Promise<void> {
  const { items } = await api<{ items: DuplicateItem[] }>('GET', '/api/v1/duplicates?limit=50')
  const show = (v: Record<string, unknown>) =>
    `<h3 class="fr-h6">${esc(v.nom)}</h3><p class="fr-text--sm">${esc(v.adresse)}, ${esc(v.code_postal)} ${esc(v.commune)}<br>Source ${esc(v.source)} — SIRET ${esc(v.pivot)}<br>Services : ${esc(v.services)}</p>`
  $('duplicates-list').innerHTML =
    items.length === 0
      ? '<p>Aucun doublon en attente.</p>'
      : items
          .map(
            (d) => `<article class="dup-pair" data-duplicate="${d.id}">
    ${d.venues.map((v) => `<div>${show(v)}<button class="fr-btn fr-btn--sm" type="button" data-merge="${d.id}" data-survivor="${esc(v.id)}">Conserver celui-ci</button></div>`).join('')}
    <p class="fr-text--sm">Motif : ${d.reason === 'siret' ? 'même SIRET' : 'proches, noms semblables'} (similarité ${d.score})
      <button class="fr-btn fr-btn--tertiary fr-btn--sm" type="button" data-dismiss="${d.id}">Ce ne sont pas des doublons</button></p></article>`,
          )
          .join('')
  for (const b of $('duplicates-list').querySelectorAll<HTMLButtonElement>('[data-merge]')) {
    b.onclick = () =>
      act('Lieux fusionnés : l’autre fiche renvoie désormais vers celle-ci.', async () => {
        await api('POST', `/api/v1/duplicates/${b.dataset.merge}/merge`, { survivor: b.dataset.survivor })
        await loadDuplicates()
      })
  }
  for (const b of $('duplicates-list').querySelectorAll<HTMLButtonElement>('[data-dismiss]')) {
    b.onclick = () =>
      act('Doublon écarté.', async () => {
        await api('POST', `/api/v1/duplicates/${b.dataset.dismiss}/dismiss`, {})
        await loadDuplicates()
      })
  }
}
$('duplicates-detect').addEventListener('click', () =>
  act('Recherche terminée.', async () => {
    const r = await api<{ queued: number }>('POST', '/api/v1/duplicates/detect')
    flash(`${r.queued} nouvelle(s) paire(s).`)
    await loadDuplicates()
  }),
)

// Labels catalogue
async function loadLabels(): Promise<void> {
  const { items } = await api<{ items: Record<string, unknown>[] }>('GET', '/api/v1/labels')
  $('labels-list').innerHTML =
    `<div class="admin-table"><table><caption class="fr-sr-only">Catalogue</caption><thead><tr><th scope="col">Nom</th><th scope="col">Émetteur</th><th scope="col">Validité</th><th scope="col">Valeur du standard</th><th scope="col">Attributions actives</th></tr></thead><tbody>
    ${items.map((l) => `<tr><td>${esc(l.nom)}</td><td>${esc(l.issuer)}</td><td>${l.default_validity_months ? `${esc(l.default_validity_months)} mois` : '—'}</td><td>${l.standard_field ? `${esc(l.standard_field)} = ${esc(l.standard_value)}` : '—'}</td><td>${esc(l.active_awards)}</td></tr>`).join('')}</tbody></table></div>`
}
$('label-form').addEventListener('submit', (event) => {
  event.preventDefault()
  const months = ($('label-months') as HTMLInputElement).value
  void act('Label ajouté.', async () => {
    await api('POST', '/api/v1/labels', {
      slug: ($('label-slug') as HTMLInputElement).value,
      nom: ($('label-nom') as HTMLInputElement).value,
      issuer: ($('label-issuer') as HTMLInputElement).value,
      ...(months ? { default_validity_months: Number(months) } : {}),
    })
    await loadLabels()
  })
})

// Accounts and keys
const territories = (id: string) =>
  ($(id) as HTMLInputElement).value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
async function loadAccounts(): Promise<void> {
  const [users, keys] = await Promise.all([
    api<{ items: Record<string, unknown>[] }>('GET', '/api/v1/admin/users'),
    api<{ items: Record<string, unknown>[] }>('GET', '/api/v1/admin/api-keys'),
  ])
  $('users-list').innerHTML =
    `<div class="admin-table"><table><caption class="fr-sr-only">Comptes</caption><thead><tr><th scope="col">Adresse</th><th scope="col">Rôle</th><th scope="col">Territoires</th><th scope="col">État</th><th scope="col"></th></tr></thead><tbody>
    ${users.items
      .map(
        (
          u,
        ) => `<tr><td>${esc(u.email)}</td><td>${esc(u.role)}</td><td>${esc(u.territories)}</td><td>${u.disabled_at ? 'désactivé' : u.locked_until && new Date(String(u.locked_until)) > new Date() ? 'verrouillé' : 'actif'}</td>
      <td><button class="fr-btn fr-btn--tertiary fr-btn--sm" type="button" data-user="${esc(u.id)}" data-disabled="${u.disabled_at ? 'false' : 'true'}">${u.disabled_at ? 'Réactiver' : 'Désactiver'}</button></td></tr>`,
      )
      .join('')}</tbody></table></div>`
  $('keys-list').innerHTML =
    `<div class="admin-table"><table><caption class="fr-sr-only">Clés</caption><thead><tr><th scope="col">Nom</th><th scope="col">Préfixe</th><th scope="col">Rôle</th><th scope="col">Territoires</th><th scope="col">Dernier usage</th><th scope="col"></th></tr></thead><tbody>
    ${keys.items
      .map(
        (
          k,
        ) => `<tr><td>${esc(k.name)}</td><td>${esc(k.prefix)}</td><td>${esc(k.role)}</td><td>${esc(k.territories)}</td><td>${k.last_used_at ? esc(new Date(String(k.last_used_at)).toLocaleString('fr-FR')) : 'jamais'}</td>
      <td>${k.revoked_at ? 'révoquée' : `<button class="fr-btn fr-btn--tertiary fr-btn--sm" type="button" data-key="${esc(k.id)}">Révoquer</button>`}</td></tr>`,
      )
      .join('')}</tbody></table></div>`
  for (const b of $('users-list').querySelectorAll<HTMLButtonElement>('[data-user]'))
    b.onclick = () =>
      act('Compte mis à jour.', async () => {
        await api('PATCH', `/api/v1/admin/users/${b.dataset.user}`, { disabled: b.dataset.disabled === 'true' })
        await loadAccounts()
      })
  for (const b of $('keys-list').querySelectorAll<HTMLButtonElement>('[data-key]'))
    b.onclick = () =>
      act('Clé révoquée.', async () => {
        await api('DELETE', `/api/v1/admin/api-keys/${b.dataset.key}`)
        await loadAccounts()
      })
}
$('user-form').addEventListener('submit', (event) => {
  event.preventDefault()
  void act('Compte créé.', async () => {
    await api('POST', '/api/v1/admin/users', {
      email: ($('user-email') as HTMLInputElement).value,
      password: ($('user-password') as HTMLInputElement).value,
      role: ($('user-role') as HTMLSelectElement).value,
      territories: territories('user-territories'),
    })
    await loadAccounts()
  })
})
$('key-form').addEventListener('submit', (event) => {
  event.preventDefault()
  void act('Clé créée.', async () => {
    const created = await api<{ key: string }>('POST', '/api/v1/admin/api-keys', {
      name: ($('key-name') as HTMLInputElement).value,
      role: ($('key-role') as HTMLSelectElement).value,
      territories: territories('key-territories'),
    })
    $('key-created').innerHTML =
      `<div class="fr-callout"><p class="fr-callout__text">Copiez cette clé maintenant : elle ne sera plus jamais affichée.</p><p class="key-once">${esc(created.key)}</p></div>`
    await loadAccounts()
  })
})

// Audit log
async function loadAudit(): Promise<void> {
  const params = new URLSearchParams({ limit: '200' })
  const entityId = ($('audit-entity-id') as HTMLInputElement).value.trim()
  const action = ($('audit-action') as HTMLInputElement).value.trim()
  if (entityId) params.set('entity_id', entityId)
  if (action) params.set('action', action)
  ;($('audit-csv') as HTMLAnchorElement).href = `/api/v1/audit?${params}&format=csv`
  const { items } = await api<{ items: Record<string, unknown>[] }>('GET', `/api/v1/audit?${params}`)
  $('audit-list').innerHTML =
    `<div class="admin-table"><table><caption class="fr-sr-only">Journal</caption><thead><tr><th scope="col">Date</th><th scope="col">Auteur</th><th scope="col">Action</th><th scope="col">Objet</th><th scope="col">Détail</th></tr></thead><tbody>
    ${items.map((a) => `<tr><td>${esc(new Date(String(a.at)).toLocaleString('fr-FR'))}</td><td>${esc(a.actor)}</td><td>${esc(a.action)}</td><td>${esc(a.entity)} ${esc(a.entity_id)}</td><td><code>${esc(JSON.stringify(a.detail))}</code></td></tr>`).join('')}</tbody></table></div>`
}
$('audit-form').addEventListener('submit', (event) => {
  event.preventDefault()
  void loadAudit()
})

// A link to #venue/<id> (from the queue, or pasted) opens that venue.
window.addEventListener('hashchange', () => {
  const match = location.hash.match(/^#venue\/([0-9a-f-]{36})$/)
  if (match && caller) {
    showView('venue')
    void openVenue(match[1])
  }
})

void start()
