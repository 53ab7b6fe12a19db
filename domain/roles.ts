// Who may write: API keys carry any role; user accounts (the admin UI) are curators or admins.
export const ROLES = ['authority', 'curator', 'admin'] as const
export type Role = (typeof ROLES)[number]

/**
 * The committees' representatives (issue 16): the CINOV-IT referent and a State representative. Accounts only;
 * they validate committee minutes and write no venue (so they are not in ROLES, which the write gate trusts).
 */
export const COMMITTEE_ROLES = ['cinov', 'state'] as const
export type CommitteeRole = (typeof COMMITTEE_ROLES)[number]

export const USER_ROLES = ['admin', 'curator', 'cinov', 'state'] as const satisfies readonly (Role | CommitteeRole)[]
export type UserRole = (typeof USER_ROLES)[number]
