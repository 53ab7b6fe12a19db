// How likely two venues are the same place: a score in [0, 1] from name, distance, address, phone, e-mail
// and SIRET, with the reasons that gave it (French labels). Pure, so the server scores and the browser shows
// the same words. A duplicate is one physical place listed twice: without evidence of the same place (close
// or same address) the other signals count for little — branches of one body share a SIRET, a switchboard,
// a mailbox and a name pattern, and are not duplicates.

export interface DuplicateCandidate {
  nom: string
  adresse: string
  code_postal: string
  commune: string
  telephone: string | null
  courriels: readonly string[]
  pivot: string
  location_approximate: boolean
}

/** Pair facts the database computes (pg_trgm similarity of normalised names, geodesic distance). */
export interface PairFacts {
  name_similarity: number
  distance_m: number | null
}

export const REASON_CODES = ['name', 'distance', 'address', 'phone', 'email', 'siret'] as const
export type ReasonCode = (typeof REASON_CODES)[number]

export interface DuplicateReason {
  /** `far`: the place gate lowered the other reasons. */
  code: ReasonCode | 'far'
  /** Share of the score this reason brings (after the place gate). */
  weight: number
  label: string
}

export interface DuplicateScore {
  score: number
  reasons: DuplicateReason[]
}

const WEIGHTS: Record<ReasonCode, number> = { name: 0.3, distance: 0.25, address: 0.2, phone: 0.12, email: 0.1, siret: 0.03 }
/** Without the same place (≤ 300 m or same address), everything else is worth this fraction. */
const NO_PLACE_FACTOR = 0.3
/** Pairs scoring below this are not queued: the same building alone (0.45) is not enough, another sign is needed. */
export const DUPLICATE_QUEUE_THRESHOLD = 0.5
/** Radius the candidates are looked for in (metres). */
export const DUPLICATE_RADIUS_M = 300
const PLACEHOLDER_PIVOT = '00000000000000'

// Words every second venue carries: they say what a place is, not which one.
const GENERIC = new Set(
  `a au aux d de des du en et l la le les un une sur sous pour par avec chez
  espace espaces epn public publique numerique numeriques point points pole lieu lieux tiers maison maisons centre
  centres social sociale socioculturel culturel mediatheque mediatheques bibliotheque bibliotheques france service
  services mairie hotel ville commune communale communal intercommunal intercommunale quartier quartiers association
  conseiller conseillers conseillere mediation inclusion accueil cyber base cyberbase atelier ateliers ccas cias
  municipal municipale departemental departementale agence antenne bureau poste la site mds mdph caf cpam bus`
    .split(/\s+/)
    .filter(Boolean),
)

const STREET = new Map(
  Object.entries({
    r: 'rue',
    av: 'avenue',
    ave: 'avenue',
    bd: 'boulevard',
    bld: 'boulevard',
    boul: 'boulevard',
    pl: 'place',
    ch: 'chemin',
    che: 'chemin',
    all: 'allee',
    imp: 'impasse',
    rte: 'route',
    rt: 'route',
    sq: 'square',
    crs: 'cours',
    fg: 'faubourg',
    st: 'saint',
    ste: 'sainte',
    qu: 'quai',
    res: 'residence',
    lot: 'lotissement',
  }),
)

export function normalizeText(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
}

/** The words of a name that tell one place from another (the town's name does not, within that town). */
export function distinctiveWords(name: string, ignore: ReadonlySet<string> = new Set()): Set<string> {
  return new Set(
    normalizeText(name)
      .split(' ')
      .filter((w) => w.length >= 2 && !GENERIC.has(w) && !ignore.has(w)),
  )
}

/** Share of the shorter name's distinctive words found in the other (1 when one name contains the other). */
export function wordOverlap(a: string, b: string, ignore: ReadonlySet<string> = new Set()): number {
  const wa = distinctiveWords(a, ignore)
  const wb = distinctiveWords(b, ignore)
  if (wa.size === 0 || wb.size === 0) return 0
  let shared = 0
  for (const w of wa) if (wb.has(w)) shared++
  return shared / Math.min(wa.size, wb.size)
}

export function normalizeAddress(adresse: string): string {
  return normalizeText(adresse)
    .split(' ')
    .map((w) => STREET.get(w) ?? w)
    .join(' ')
}

/** A French number in one form: +33 4 77… and 04 77… compare equal. */
export function normalizePhone(phone: string | null): string | null {
  if (!phone) return null
  const digits = phone.replace(/[^0-9+]/g, '')
  const national = digits.startsWith('+33') ? `0${digits.slice(3)}` : digits.startsWith('0033') ? `0${digits.slice(4)}` : digits
  return national.replace(/\D/g, '').length >= 6 ? national : null
}

const round = (x: number) => Math.round(x * 1000) / 1000

export function scorePair(a: DuplicateCandidate, b: DuplicateCandidate, facts: PairFacts): DuplicateScore {
  const evidence: Partial<Record<ReasonCode, { strength: number; label: string }>> = {}

  const townWords = new Set(
    `${normalizeText(a.commune)} ${normalizeText(b.commune)}`.split(' ').concat(['saint', 'sainte', 'st', 'ste', 'sur', 'sous']),
  )
  const overlap = wordOverlap(a.nom, b.nom, townWords)
  const name = Math.max(facts.name_similarity, overlap * 0.85)
  if (name >= 0.2) {
    const words = name >= 0.7 ? 'noms très proches' : name >= 0.45 ? 'noms proches' : 'noms en partie communs'
    evidence.name = { strength: name, label: `${words} (similarité ${name.toFixed(2).replace('.', ',')})` }
  }

  // An "address" that is only the town's name places the venue at the town centre: neither its address nor
  // its point say where it is (dozens of venues of one town then sit at 0 m from each other).
  const placeless = (v: DuplicateCandidate) =>
    normalizeAddress(v.adresse) === normalizeAddress(v.commune) || normalizeAddress(v.adresse).length < 4
  const approximate = a.location_approximate || b.location_approximate || placeless(a) || placeless(b)
  const d = facts.distance_m
  if (d !== null && !approximate) {
    const strength = d <= 50 ? 1 : d <= 100 ? 0.8 : d <= DUPLICATE_RADIUS_M ? 0.4 : 0
    if (strength > 0) evidence.distance = { strength, label: `à ${Math.round(d)} m l’un de l’autre` }
  } else if (placeless(a) && placeless(b) && a.code_postal === b.code_postal && normalizeText(a.commune) === normalizeText(b.commune))
    evidence.distance = { strength: 0.8, label: 'même commune, adresse non précisée' }

  const sameAddress = a.code_postal === b.code_postal && !placeless(a) && normalizeAddress(a.adresse) === normalizeAddress(b.adresse)
  // The same words at two places far apart ("Place de la Mairie", "Le Bourg") are not the same address.
  if (sameAddress && (d === null || approximate || d <= 1000)) evidence.address = { strength: 1, label: 'même adresse' }

  const phoneA = normalizePhone(a.telephone)
  if (phoneA && phoneA === normalizePhone(b.telephone)) evidence.phone = { strength: 1, label: 'même téléphone' }

  const mails = new Set(a.courriels.map((m) => m.trim().toLowerCase()))
  if (b.courriels.some((m) => mails.has(m.trim().toLowerCase()))) evidence.email = { strength: 1, label: 'même courriel' }

  if (a.pivot === b.pivot && /^[0-9]{14}$/.test(a.pivot) && a.pivot !== PLACEHOLDER_PIVOT)
    evidence.siret = { strength: 1, label: 'même SIRET (jamais suffisant seul)' }

  const samePlace = evidence.distance !== undefined || evidence.address !== undefined
  const factor = samePlace ? 1 : NO_PLACE_FACTOR
  const reasons: DuplicateReason[] = []
  let score = 0
  for (const code of REASON_CODES) {
    const e = evidence[code]
    if (!e) continue
    const weight = WEIGHTS[code] * e.strength * factor
    score += weight
    reasons.push({ code, weight: round(weight), label: e.label })
  }
  if (!samePlace && reasons.length > 0)
    reasons.push({ code: 'far', weight: 0, label: 'lieux éloignés ou position inconnue : score réduit' })
  reasons.sort((x, y) => y.weight - x.weight)
  return { score: round(Math.min(1, score)), reasons }
}
