// Who may write: API keys carry any role; user accounts (sessions) are admins, curators or territorial officers
// (`authority`: their edits become submissions, like an authority key's).
export const ROLES = ['authority', 'curator', 'admin'] as const
export type Role = (typeof ROLES)[number]

/**
 * The committees' representatives (issue 16): the CINOV-IT referent and a State representative. Accounts only;
 * they validate committee minutes and write no venue (so they are not in ROLES, which the write gate trusts).
 */
export const COMMITTEE_ROLES = ['cinov', 'state'] as const
export type CommitteeRole = (typeof COMMITTEE_ROLES)[number]

export const USER_ROLES = ['admin', 'curator', 'authority', 'cinov', 'state'] as const satisfies readonly (Role | CommitteeRole)[]
export type UserRole = (typeof USER_ROLES)[number]

/** Roles whose account acts inside territories only: they must be given at least one. */
export const TERRITORIAL_USER_ROLES: readonly string[] = ['curator', 'authority']
