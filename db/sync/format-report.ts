// The whole-file sync's diff as a person reads it at the shell (`maillage sync`, `maillage harvest`).
import type { HarvestRun } from './harvest-store.ts'
import type { SyncReport } from './sync.ts'

const OUTCOMES: Record<HarvestRun['outcome'], string> = {
  applied: 'appliquée',
  submitted: 'soumise à modération',
  not_modified: 'fichier inchangé (rien à faire)',
  failed: 'échec',
}

/** A harvest run's outcome in French (`maillage harvest`, `maillage source list`). */
export function harvestOutcomeLabel(outcome: HarvestRun['outcome']): string {
  return OUTCOMES[outcome] ?? outcome
}

/** A run's diff counts in a fixed order (stored as JSON, whose key order the database does not keep). */
export function formatHarvestTotals(totals: Partial<SyncReport['totals']>): string {
  if (totals.rows === undefined) return ''
  const n = (k: keyof SyncReport['totals']) => totals[k] ?? 0
  return (
    `${n('rows')} ligne(s) : ${n('created')} créée(s), ${n('updated')} modifiée(s), ${n('unchanged')} inchangée(s), ` +
    `${n('rejected')} rejetée(s), ${n('absent')} absente(s), ${n('archived')} archivée(s)`
  )
}

const show = (v: unknown) => (v === null || v === undefined ? '∅' : typeof v === 'string' ? `« ${v} »` : JSON.stringify(v))

export function formatSyncReport(report: SyncReport, options: { verbose?: boolean } = {}): string {
  const lines: string[] = []
  if (report.file_error) return `Fichier refusé : ${report.file_error}\n`
  const t = report.totals
  const verdict = {
    applied: 'appliquée',
    dry_run: 'essai, rien n’a été écrit',
    rejected: 'refusée, rien n’a été écrit',
    submitted: `soumise à modération (proposition ${report.submission_id})`,
  }[report.status]
  lines.push(`Synchronisation de « ${report.source} » (${report.format ?? '?'}) : ${verdict}.`)
  lines.push(
    `${t.rows} ligne(s) : ${t.created} créée(s), ${t.updated} modifiée(s), ${t.unchanged} inchangée(s), ` +
      `${t.rejected} rejetée(s) ; ${t.absent} lieu(x) absent(s) du fichier` +
      `${report.absent_policy === 'archive' ? `, ${t.archived} archivé(s)` : ' (gardés)'}.`,
  )
  for (const r of report.rejected) {
    lines.push(`${r.row === null ? `lieu ${r.id}` : `ligne ${r.row}${r.id ? ` (id ${r.id})` : ''}`} : rejeté`)
    for (const e of r.errors) lines.push(`  ✗ ${e.field} : ${e.message}`)
  }
  const limit = options.verbose ? Infinity : 20
  for (const c of report.created.slice(0, limit)) lines.push(`+ ${c.id} (ligne ${c.row}) ${c.nom}`)
  for (const u of report.updated.slice(0, limit)) {
    lines.push(`~ ${u.id} (ligne ${u.row}) ${u.nom}`)
    for (const ch of u.changes) lines.push(`    ${ch.field} : ${show(ch.from)} → ${show(ch.to)}`)
  }
  for (const a of report.absent.slice(0, limit))
    lines.push(`${a.archived ? '−' : '?'} ${a.id} ${a.nom} : absent du fichier${a.archived ? ', archivé' : ''}`)
  const hidden =
    Math.max(0, report.created.length - limit) + Math.max(0, report.updated.length - limit) + Math.max(0, report.absent.length - limit)
  if (hidden > 0) lines.push(`… et ${hidden} autre(s) ligne(s) du diff (--verbose pour tout voir).`)
  return lines.join('\n') + '\n'
}
