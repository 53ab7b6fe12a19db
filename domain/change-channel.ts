// Through which channel a venue version was written, in French for the history: the admin interface (a session),
// the API (which key), an import (which file), a dataset sync, a harvest, a duplicate merge, an approved proposal.
// New versions store their channel; older ones (and writers that do not say) are read from who and why.

export const CHANNEL_KINDS = ['interface', 'api', 'import', 'sync', 'harvest', 'merge', 'moderation', 'system'] as const
export type ChannelKind = (typeof CHANNEL_KINDS)[number]

export interface StoredChannel {
  kind: ChannelKind
  /** The key's name, the file's name, the source, the duplicate's or the proposal's number. */
  detail: string | null
}

export interface VersionOrigin {
  changed_by: string
  reason: string
  channel?: string | null
  channel_detail?: string | null
}

/** The channel of a version: as stored, else inferred from the actor and reason the writers have always recorded. */
export function channelOf(row: VersionOrigin): StoredChannel {
  if (row.channel && (CHANNEL_KINDS as readonly string[]).includes(row.channel))
    return { kind: row.channel as ChannelKind, detail: row.channel_detail ?? null }
  const by = row.changed_by
  const reason = row.reason
  const match = (re: RegExp, text: string) => re.exec(text)?.[1]
  const harvest = match(/^moissonnage:(.+)$/, by)
  if (harvest) return { kind: 'harvest', detail: harvest }
  const proposal = match(/^proposition (\S+) approuvée/, reason)
  if (proposal) return { kind: 'moderation', detail: proposal }
  const sync = match(/^synchronisation (.+?)(?: approuvée.*)?$/, reason)
  if (sync) return { kind: 'sync', detail: sync }
  const pair = match(/doublon n° (\d+)/, reason)
  if (pair || /^fusion\b/.test(reason)) return { kind: 'merge', detail: pair ?? null }
  if (/^import /.test(reason)) return { kind: 'import', detail: null }
  const key = match(/^clé:(.+)$/, by)
  if (key) return { kind: 'api', detail: key }
  if (/^utilisateur:/.test(by)) return { kind: 'interface', detail: null }
  return { kind: 'system', detail: null }
}

export function channelLabel(channel: StoredChannel): string {
  const d = channel.detail
  switch (channel.kind) {
    case 'interface':
      return 'interface d’administration'
    case 'api':
      return d ? `API, clé « ${d} »` : 'API'
    case 'import':
      return d ? `import du fichier « ${d} »` : 'import d’un fichier'
    case 'sync':
      return d ? `synchronisation du jeu de données « ${d} »` : 'synchronisation d’un jeu de données'
    case 'harvest':
      return d ? `moissonnage de la source « ${d} »` : 'moissonnage'
    case 'merge':
      return d ? `fusion de doublons (paire n° ${d})` : 'fusion de doublons'
    case 'moderation':
      return d ? `proposition n° ${d} approuvée en modération` : 'proposition approuvée en modération'
    default:
      return 'chargement initial ou opération technique'
  }
}
