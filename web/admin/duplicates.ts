// /admin, "Doublons": the pairs ranked by score with their reasons, merge or dismiss, and the background
// search (start, progress polled every second, stop).
import { act, api, ApiError, describeError, esc, flash } from './api.ts'

interface Reason {
  code: string
  weight: number
  label: string
}
interface DuplicateItem {
  id: number
  score: number
  reasons: Reason[]
  venues: Record<string, unknown>[]
}
interface Job {
  id: number
  status: 'running' | 'done' | 'cancelled' | 'failed'
  total: number
  processed: number
  queued: number
  cancel_requested: boolean
  error: string | null
  started_by: string
  started_at: string
  finished_at: string | null
}

const PAGE = 50
/** The standard's "no SIRET" value. */
const PIVOT_PLACEHOLDER = '00000000000000'
const POLL_MS = 1000
const $ = (id: string) => document.getElementById(id)!
const number = new Intl.NumberFormat('fr-FR')
const when = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Paris' })
let polling: number | undefined
let nextAfter: number | null = null
let rank = 0

function percent(score: number): string {
  return `${Math.round(score * 100)} %`
}

function venueBlock(pairId: number, v: Record<string, unknown>): string {
  const phone = v.telephone ? `<br>Téléphone ${esc(v.telephone)}` : ''
  const mails = Array.isArray(v.courriels) && v.courriels.length > 0 ? `<br>Courriel ${esc(v.courriels)}` : ''
  const siret = v.pivot === PIVOT_PLACEHOLDER ? 'SIRET non renseigné' : `SIRET ${esc(v.pivot)}`
  return `<div><h3 class="fr-h6 fr-mb-1v">
    <a href="/lieux/${esc(v.id)}" target="_blank" rel="noopener">${esc(v.nom)}<span class="fr-sr-only"> (nouvelle fenêtre)</span></a></h3>
    <p class="fr-text--sm fr-mb-1w">${esc(v.adresse)}, ${esc(v.code_postal)} ${esc(v.commune)}${phone}${mails}<br>
      Source ${esc(v.source)} — ${siret}</p>
    <button class="fr-btn fr-btn--sm" type="button" data-merge="${pairId}" data-survivor="${esc(v.id)}">Conserver celui-ci<span
      class="fr-sr-only"> : ${esc(v.nom)}</span></button></div>`
}

function pairBlock(d: DuplicateItem): string {
  rank++
  const reasons = d.reasons
    .map((r) => `<li><p class="fr-tag fr-tag--sm">${esc(r.label)}${r.weight > 0 ? ` (+${percent(r.weight)})` : ''}</p></li>`)
    .join('')
  return `<article class="dup-pair" data-duplicate="${d.id}" aria-labelledby="dup-title-${d.id}">
    <header class="dup-head"><h2 class="fr-h5 fr-mb-1v" id="dup-title-${d.id}">N° ${rank} — score ${percent(d.score)}</h2>
      <p class="fr-text--sm fr-mb-1v">Raisons du score :</p>
        <ul class="fr-tags-group dup-reasons">${reasons || '<li><p class="fr-tag fr-tag--sm">aucune raison enregistrée</p></li>'}</ul>
          </header>
    ${d.venues.map((v) => venueBlock(d.id, v)).join('')}
    <p class="dup-foot"><button class="fr-btn fr-btn--tertiary fr-btn--sm" type="button"
      data-dismiss="${d.id}">Ce ne sont pas des doublons</button></p></article>`
}

function bindPairs(container: HTMLElement): void {
  for (const b of container.querySelectorAll<HTMLButtonElement>('[data-merge]')) {
    b.onclick = () =>
      act('Lieux fusionnés : l’autre fiche renvoie désormais vers celle-ci.', async () => {
        await api('POST', `/api/v1/duplicates/${b.dataset.merge}/merge`, { survivor: b.dataset.survivor })
        await loadDuplicates()
      })
  }
  for (const b of container.querySelectorAll<HTMLButtonElement>('[data-dismiss]')) {
    b.onclick = () =>
      act('Doublon écarté : cette paire ne sera plus proposée.', async () => {
        await api('POST', `/api/v1/duplicates/${b.dataset.dismiss}/dismiss`, {})
        await loadDuplicates()
      })
  }
}

async function loadPage(append: boolean): Promise<void> {
  const after = append && nextAfter !== null ? `&after=${nextAfter}` : ''
  const { items, next_after } = await api<{ items: DuplicateItem[]; next_after: number | null }>(
    'GET',
    `/api/v1/duplicates?limit=${PAGE}${after}`,
  )
  nextAfter = next_after
  const list = $('duplicates-list')
  if (!append) {
    rank = 0
    list.innerHTML =
      items.length === 0
        ? '<p>Aucun doublon en attente. Lancez une recherche pour parcourir les lieux.</p>'
        : '<p class="fr-text--sm">Les paires les plus probables d’abord. Vérifiez les deux fiches avant de fusionner : ' +
          'le lieu conservé reprend les informations de l’autre, qui est archivé.</p>'
  }
  const chunk = document.createElement('div')
  chunk.innerHTML = items.map(pairBlock).join('')
  list.append(chunk)
  bindPairs(chunk)
  $('duplicates-more').hidden = next_after === null
}

export async function loadDuplicates(): Promise<void> {
  try {
    await loadPage(false)
  } catch (error) {
    flash(describeError(error), 'error')
  }
  await showLatestJob()
}

function renderJob(job: Job): void {
  const box = $('duplicates-job')
  const progress =
    `${number.format(job.processed)} lieux parcourus sur ${number.format(job.total)}, ${number.format(job.queued)} ` +
    `nouvelle(s) paire(s)`
  const bar =
    `<progress id="duplicates-progress" max="${Math.max(job.total, 1)}" value="${job.processed}" ` +
    `aria-describedby="duplicates-job-text"></progress>`
  const states: Record<Job['status'], string> = {
    running: job.cancel_requested ? `Arrêt demandé… ${progress}.` : `Recherche en cours : ${progress}.`,
    done: `Dernière recherche terminée le ${when.format(new Date(job.finished_at ?? job.started_at))} : ${progress}.`,
    cancelled: `Dernière recherche arrêtée le ${when.format(new Date(job.finished_at ?? job.started_at))} : ${progress}.`,
    failed: `Dernière recherche interrompue (${job.error ?? 'erreur'}) : ${progress}. Vous pouvez la relancer.`,
  }
  box.innerHTML =
    `<p class="fr-text--sm fr-mb-1v" id="duplicates-job-text">${esc(states[job.status])}</p>` + `${job.status === 'running' ? bar : ''}`
  $('duplicates-cancel').hidden = job.status !== 'running' || job.cancel_requested
  $('duplicates-cancel').dataset.job = String(job.id)
  ;($('duplicates-detect') as HTMLButtonElement).disabled = job.status === 'running'
}

async function showLatestJob(): Promise<void> {
  try {
    const job = await api<Job>('GET', '/api/v1/duplicates/jobs/latest')
    renderJob(job)
    if (job.status === 'running') poll(job.id)
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 404)) flash(describeError(error), 'error')
  }
}

function poll(id: number): void {
  window.clearTimeout(polling)
  polling = window.setTimeout(async () => {
    try {
      const job = await api<Job>('GET', `/api/v1/duplicates/jobs/${id}`)
      renderJob(job)
      if (job.status === 'running') return poll(id)
      flash(
        job.status === 'done'
          ? `Recherche terminée : ${job.queued} nouvelle(s) paire(s).`
          : job.status === 'cancelled'
            ? 'Recherche arrêtée ; les paires déjà trouvées sont dans la liste.'
            : `La recherche s’est interrompue : ${job.error ?? 'erreur'}.`,
        job.status === 'failed' ? 'error' : 'success',
      )
      await loadPage(false)
    } catch (error) {
      flash(describeError(error), 'error')
    }
  }, POLL_MS)
}

export function initDuplicates(): void {
  $('duplicates-detect').addEventListener('click', () =>
    act('Recherche lancée en arrière-plan : vous pouvez continuer à travailler, la liste se mettra à jour.', async () => {
      const { job } = await api<{ started: boolean; job: Job }>('POST', '/api/v1/duplicates/detect')
      renderJob(job)
      if (job.status === 'running') poll(job.id)
    }),
  )
  $('duplicates-cancel').addEventListener('click', () =>
    act('Arrêt demandé : la recherche s’arrête au prochain lot.', async () => {
      const job = await api<Job>('POST', `/api/v1/duplicates/jobs/${$('duplicates-cancel').dataset.job}/cancel`)
      renderJob(job)
      poll(job.id)
    }),
  )
  $('duplicates-more').addEventListener('click', () => void loadPage(true).catch((error) => flash(describeError(error), 'error')))
}
