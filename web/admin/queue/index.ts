// The moderation queue of /admin: filters, items grouped by venue, the current item's detail, approve/reject with
// auto-advance to the next item, batch actions on a selection, keyboard shortcuts.
import { act, api, ApiError, describeError, flash } from '../api.ts'
import { renderSyncReview } from '../sync-review.ts'
import { renderDetail } from './detail.ts'
import { filterQuery } from './filters.ts'
import { bindQueueKeys } from './keyboard.ts'
import { displayOrder, renderList } from './list.ts'
import type { QueueHost, Submission } from './types.ts'

const $ = (id: string) => document.getElementById(id)!
let items: Submission[] = []
let current = 0
const selected = new Set<string>()
let host: QueueHost

function announce(text: string): void {
  $('queue-announce').textContent = text
}

function renderAll(): void {
  for (const id of [...selected]) if (!items.some((s) => s.id === id)) selected.delete(id)
  renderList($('queue-list'), items, current, selected)
  $('queue-count').textContent = items.length === 0 ? 'File vide' : `${items.length} élément(s) — ${selected.size} sélectionné(s)`
  for (const b of document.querySelectorAll<HTMLButtonElement>('[data-batch]')) b.disabled = selected.size === 0
  for (const b of $('queue-list').querySelectorAll<HTMLButtonElement>('[data-submission]'))
    b.onclick = () => {
      current = items.findIndex((s) => s.id === b.dataset.submission)
      void showCurrent(true)
    }
  for (const box of $('queue-list').querySelectorAll<HTMLInputElement>('[data-select]'))
    box.onchange = () => {
      if (box.checked) selected.add(box.dataset.select!)
      else selected.delete(box.dataset.select!)
      renderAll()
    }
}

export async function loadQueue(): Promise<void> {
  try {
    const { items: found } = await api<{ items: Submission[] }>('GET', `/api/v1/submissions?${filterQuery()}`)
    items = displayOrder(found)
  } catch (error) {
    flash(describeError(error), 'error')
    return
  }
  current = Math.min(current, Math.max(0, items.length - 1))
  renderAll()
  await showCurrent(false)
}

/** Shows the current item in the detail pane (and moves the focus there when asked). */
async function showCurrent(focus: boolean): Promise<void> {
  renderAll()
  const s = items[current]
  if (!s) {
    $('queue-detail').innerHTML = ''
    $('queue-detail').dataset.submission = ''
    announce('Plus rien à examiner avec ces filtres.')
    return
  }
  const pane = $('queue-detail')
  if (pane.dataset.submission !== s.id) {
    // No stale buttons or fields while the next item loads: a key pressed meanwhile must not act on the old one.
    pane.dataset.submission = ''
    pane.innerHTML = '<p>Chargement de l’élément suivant…</p>'
  }
  const full = await api<Submission>('GET', `/api/v1/submissions/${s.id}`)
  if (items[current]?.id !== s.id) return
  renderDetail(pane, full)
  pane.dataset.submission = full.id
  announce(`Élément ${current + 1} sur ${items.length} : ${$('queue-detail-title').textContent}`)
  const diff = $('queue-detail').querySelector<HTMLElement>('.admin-table')
  if (full.kind === 'sync' && diff && full.status === 'pending')
    renderSyncReview(diff, full.id, full.payload as never, true, () => closeCurrent(full.id, null))
  wireDetail(full)
  if (focus) $('queue-detail-title').focus()
}

function wireDetail(s: Submission): void {
  if (s.status !== 'pending') return
  document.getElementById('approve')?.addEventListener('click', () => void approve())
  document.getElementById('reject')?.addEventListener('click', () => void reject())
  document.getElementById('report-fix')?.addEventListener('click', () => void fixReport(s))
  document.getElementById('reject-reason')?.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault()
      void reject()
    }
    if (event.key === 'Escape') (event.target as HTMLElement).blur()
  })
}

/** Removes a closed item and shows the next one (auto-advance); `message` is announced and flashed. */
async function closeCurrent(id: string, message: string | null): Promise<void> {
  items = items.filter((s) => s.id !== id)
  selected.delete(id)
  current = Math.min(current, Math.max(0, items.length - 1))
  if (message) flash(message)
  await showCurrent(false)
  if (message) announce(`${message} ${$('queue-announce').textContent}`)
}

/** The current item, once its detail is on screen (keys pressed while it loads do nothing). */
function shown(): Submission | undefined {
  const s = items[current]
  return s && $('queue-detail').dataset.submission === s.id ? s : undefined
}

async function approve(): Promise<void> {
  const s = shown()
  if (!s) return
  if (s.kind === 'report') {
    flash('Un signalement se traite par « Corriger la fiche » ou « Classer sans suite » (touche r).', 'info')
    return
  }
  try {
    await api('POST', `/api/v1/submissions/${s.id}/approve`, {})
    await closeCurrent(s.id, 'Proposition approuvée et publiée.')
  } catch (error) {
    flash(describeError(error), 'error')
  }
}

async function reject(): Promise<void> {
  const s = shown()
  const input = document.getElementById('reject-reason') as HTMLInputElement | null
  if (!s || !input) return
  const reason = input.value.trim()
  if (!reason) {
    input.focus()
    announce('Saisissez le motif puis appuyez sur Entrée.')
    return
  }
  try {
    await api('POST', `/api/v1/submissions/${s.id}/reject`, { reason })
    await closeCurrent(s.id, s.kind === 'report' ? 'Signalement classé sans suite.' : 'Proposition refusée.')
  } catch (error) {
    flash(describeError(error), 'error')
  }
}

/** « Corriger la fiche » : the editor opens prefilled with the report; saving there closes the report. */
async function fixReport(s: Submission): Promise<void> {
  if (!s.venue_id) return
  host.showView('venue')
  await host.openVenue(s.venue_id, {
    report: { id: s.id, text: s.message ?? '' },
    onSaved: async () => {
      await act('Fiche corrigée et signalement traité.', () =>
        api('POST', `/api/v1/submissions/${s.id}/approve`, { reason: 'fiche corrigée' }),
      )
      host.showView('queue')
    },
  })
}

async function batch(action: 'approve' | 'reject'): Promise<void> {
  const ids = items.filter((s) => selected.has(s.id)).map((s) => s.id)
  if (ids.length === 0) {
    flash('Sélectionnez d’abord des éléments (case à cocher ou touche x).', 'info')
    return
  }
  const reasonInput = $('queue-batch-reason') as HTMLInputElement
  const reason = reasonInput.value.trim()
  if (action === 'reject' && !reason) {
    reasonInput.focus()
    announce('Saisissez le motif du refus groupé puis appuyez sur Entrée.')
    return
  }
  try {
    const result = await api<{ items: { id: string; ok: boolean; detail: string | null }[]; succeeded: number; failed: number }>(
      'POST',
      '/api/v1/submissions/batch',
      { action, ids, ...(reason && action === 'reject' ? { reason } : {}) },
    )
    reportBatch(result.items, result.succeeded, action)
  } catch (error) {
    // Nothing processed: the problem carries each item's result too.
    const perItem =
      error instanceof ApiError ? (error.problem as { items?: { id: string; ok: boolean; detail: string | null }[] }).items : undefined
    if (perItem) reportBatch(perItem, 0, action)
    else flash(describeError(error), 'error')
  }
}

function reportBatch(results: { id: string; ok: boolean; detail: string | null }[], succeeded: number, action: 'approve' | 'reject'): void {
  const done = new Set(results.filter((r) => r.ok).map((r) => r.id))
  items = items.filter((s) => !done.has(s.id))
  for (const id of done) selected.delete(id)
  current = Math.min(current, Math.max(0, items.length - 1))
  const failures = results.filter((r) => !r.ok)
  const verb = action === 'approve' ? 'approuvé(s)' : 'refusé(s)'
  const message =
    `${succeeded} élément(s) ${verb}.` +
    `${failures.length ? ` ${failures.length} non traité(s) : ${failures.map((f) => f.detail).join(' ; ')}` : ''}`
  flash(message, failures.length ? 'error' : 'success')
  void showCurrent(false).then(() => announce(`${message} ${$('queue-announce').textContent}`))
}

export function initQueue(queueHost: QueueHost): void {
  host = queueHost
  $('queue-filters').addEventListener('submit', (event) => {
    event.preventDefault()
    current = 0
    void loadQueue()
  })
  for (const id of ['queue-status', 'queue-kind', 'queue-age'])
    $(id).addEventListener('change', () => {
      current = 0
      void loadQueue()
    })
  $('queue-batch-approve').addEventListener('click', () => void batch('approve'))
  $('queue-batch-reject').addEventListener('click', () => void batch('reject'))
  $('queue-batch-reason').addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault()
      void batch('reject')
    }
  })
  bindQueueKeys($('view-queue'), {
    move: (delta) => {
      if (items.length === 0) return
      current = Math.max(0, Math.min(items.length - 1, current + delta))
      void showCurrent(false)
    },
    approve: () => void approve(),
    reject: () => void reject(),
    toggle: () => {
      const s = items[current]
      if (!s) return
      if (selected.has(s.id)) selected.delete(s.id)
      else selected.add(s.id)
      renderAll()
      announce(`${selected.has(s.id) ? 'Sélectionné' : 'Désélectionné'} : ${selected.size} élément(s) sélectionné(s).`)
    },
    approveSelection: () => void batch('approve'),
    rejectSelection: () => void batch('reject'),
  })
}
