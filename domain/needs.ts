// What a venue may ask a sponsor for (issue 16, item 2): the kinds are the sponsorship kinds, so a need is met
// by a sponsorship of the same kind. French wordings for lists, filters and the venue page.
import type { SponsorshipKind } from './sponsorship.ts'

export const NEED_KINDS = [
  'emploi_avenir',
  'don_materiel',
  'fonds_solidarites_numeriques',
  'mecenat',
] as const satisfies readonly SponsorshipKind[]
export type NeedKind = (typeof NEED_KINDS)[number]

export const NEED_STATUSES = ['open', 'met', 'withdrawn'] as const
export type NeedStatus = (typeof NEED_STATUSES)[number]

export const NEED_KIND_LABELS: Readonly<Record<NeedKind, string>> = {
  emploi_avenir: 'Accueillir un jeune en emploi d’avenir',
  don_materiel: 'Recevoir du matériel',
  fonds_solidarites_numeriques: 'Financer un projet (fonds Solidarités Numériques)',
  mecenat: 'Mécénat de compétences',
}

export const NEED_STATUS_LABELS: Readonly<Record<NeedStatus, string>> = {
  open: 'ouvert',
  met: 'satisfait',
  withdrawn: 'retiré',
}

/** The field each kind requires (besides an optional description). */
export const NEED_REQUIRED: Readonly<Record<NeedKind, readonly string[]>> = {
  emploi_avenir: ['local_project'],
  don_materiel: ['devices_count', 'devices_kind'],
  fonds_solidarites_numeriques: ['amount_eur', 'description'],
  mecenat: ['skills'],
}

/** One sentence describing a need, for lists and the venue page. */
export function needSummary(need: {
  kind: string
  local_project?: string | null
  devices_count?: number | null
  devices_kind?: string | null
  amount_eur?: number | null
  description?: string | null
  skills?: string | null
}): string {
  switch (need.kind) {
    case 'emploi_avenir':
      return `Projet local : ${need.local_project ?? ''}`
    case 'don_materiel':
      return `${need.devices_count ?? '?'} × ${need.devices_kind ?? 'appareils'}`
    case 'fonds_solidarites_numeriques':
      return (
        `${(need.amount_eur ?? 0).toLocaleString('fr-FR', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 })}` +
        ` — ${need.description ?? ''}`
      )
    default:
      return `Compétences recherchées : ${need.skills ?? ''}`
  }
}

/** The wording of the demo data, wherever it is shown. */
export const EXAMPLE_MARK = 'exemple fictif'
