// Who wrote a venue version and through which channel, as the admin history shows it (issue 14):
// "Par alice@example.fr, via l’interface d’administration — modification dans l’interface".
import { esc } from './api.ts'

export interface VersionOrigin {
  changed_by: string
  reason: string
  channel_label?: string
}

export function versionOrigin(item: VersionOrigin): string {
  const who = item.changed_by.replace(/^utilisateur:/, '').replace(/^clé:/, 'clé ')
  const via = item.channel_label ? `, via ${esc(item.channel_label)}` : ''
  return `Par ${esc(who)}${via} — ${esc(item.reason)}`
}
