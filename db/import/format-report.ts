// The per-row report as a person reads it in a terminal.
import type { ImportReport } from './importer.ts'

const OUTCOME_FR = { created: 'créé', updated: 'mis à jour', unchanged: 'inchangé', rejected: 'rejeté' } as const

export function formatImportReport(report: ImportReport, options: { verbose?: boolean } = {}): string {
  if (report.file_error) return `Fichier rejeté : ${report.file_error}\n`
  const lines: string[] = []
  for (const row of report.rows) {
    const rejected = row.errors.length > 0
    if (!rejected && !options.verbose && row.warnings.length === 0) continue
    const head = `ligne ${row.row}${row.id ? ` (id ${row.id})` : ''} : ${rejected ? 'rejeté' : OUTCOME_FR[row.outcome]}`
    lines.push(head)
    for (const e of row.errors)
      lines.push(`  ✗ ${e.field} : ${e.message}${e.value !== undefined && e.value !== null ? ` [${String(e.value).slice(0, 80)}]` : ''}`)
    if (options.verbose || rejected) for (const w of row.warnings) lines.push(`  ! ${w.field} : ${w.message}`)
  }
  const t = report.totals
  lines.push('')
  lines.push(`Format : ${report.format === 'v0' ? 'standard v0.1 (ancien)' : 'standard v1.0.2'}`)
  lines.push(`${t.rows} lignes : ${t.created} créées, ${t.updated} mises à jour, ${t.unchanged} inchangées, ${t.rejected} rejetées.`)
  lines.push(
    report.status === 'applied'
      ? 'Import appliqué.'
      : report.status === 'submitted'
        ? 'Import soumis à modération : une proposition par lieu créé ou modifié, publiée après validation par un curateur.'
        : report.status === 'dry_run'
          ? 'Essai à blanc (--dry-run) : rien n’a été écrit.'
          : 'Import refusé : des lignes sont en erreur, rien n’a été écrit (utilisez --partial pour importer les lignes valides).',
  )
  return lines.join('\n') + '\n'
}
