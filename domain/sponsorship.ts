// Sponsorships by CINOV-IT member companies: kinds, statuses, and every French wording of a kind
// (the phrase depends on where it stands: a title, a plural in figures, a sentence, a public page).
export const SPONSORSHIP_KINDS = ['emploi_avenir', 'don_materiel', 'fonds_solidarites_numeriques', 'mecenat'] as const
export type SponsorshipKind = (typeof SPONSORSHIP_KINDS)[number]

/** `pending`: proposed by a company, waiting for a curator or the CINOV-IT referent; `declined`: refused by them. */
export const SPONSORSHIP_STATUSES = ['pending', 'active', 'ended', 'suspended', 'declined', 'archived'] as const
export type SponsorshipStatus = (typeof SPONSORSHIP_STATUSES)[number]

export const CINOV_STATUSES = ['active', 'suspended', 'former'] as const

export interface KindWording {
  /** A company's sponsorship page and the admin: "Emploi d’avenir numérique". */
  title: string
  /** Figures and charts: "Emplois d’avenir". */
  plural: string
  /** Inside a sentence: "un emploi d’avenir". */
  withArticle: string
  /** Lower case, after a noun: "emploi d’avenir". */
  lower: string
  /** The public venue page: "Parrainage d’un emploi d’avenir". */
  onVenuePage: string
}

export const SPONSORSHIP_KIND_WORDING: Readonly<Record<SponsorshipKind, KindWording>> = {
  emploi_avenir: {
    title: 'Emploi d’avenir numérique',
    plural: 'Emplois d’avenir',
    withArticle: 'un emploi d’avenir',
    lower: 'emploi d’avenir',
    onVenuePage: 'Parrainage d’un emploi d’avenir',
  },
  don_materiel: {
    title: 'Don de matériel (Ordi 2.0)',
    plural: 'Dons de matériel',
    withArticle: 'un don de matériel',
    lower: 'don de matériel',
    onVenuePage: 'Don de matériel reconditionné (Ordi 2.0)',
  },
  fonds_solidarites_numeriques: {
    title: 'Fonds Solidarités Numériques',
    plural: 'Fonds Solidarités Numériques',
    withArticle: 'une contribution au fonds Solidarités Numériques',
    lower: 'fonds Solidarités Numériques',
    onVenuePage: 'Fonds de solidarité numérique',
  },
  mecenat: { title: 'Mécénat', plural: 'Mécénat', withArticle: 'un mécénat', lower: 'mécénat', onVenuePage: 'Mécénat' },
}

/** One wording of every kind, keyed by kind (for lookups by a kind read from the API). */
export function kindLabels(form: keyof KindWording): Record<string, string> {
  return Object.fromEntries(SPONSORSHIP_KINDS.map((k) => [k, SPONSORSHIP_KIND_WORDING[k][form]]))
}
