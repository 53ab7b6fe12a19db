// Territory codes: `fr`, `reg:75` (région) or `dep:33` (département; 2A/2B Corsica, 97x/98x overseas).
export const DEPARTEMENT_CODE = '(?:\\d{2}|2[AB]|97\\d|98\\d)'
export const DEPARTEMENT_PATTERN = new RegExp(`^${DEPARTEMENT_CODE}$`)
export const TERRITORY_SOURCE = `^(?:fr|dep:${DEPARTEMENT_CODE}|reg:\\d{2})$`
export const TERRITORY_PATTERN = new RegExp(TERRITORY_SOURCE)
/** What a public map or embed may be limited to: a commune, a département or a région (not all of France). */
export const MAP_TERRITORY_PATTERN = new RegExp(`^(?:com:(?:\\d{5}|2[AB]\\d{3})|dep:${DEPARTEMENT_CODE}|reg:\\d{2})$`)
