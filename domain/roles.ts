// Who may write: API keys carry any role of ROLES; user accounts (the admin UI) are curators or admins, or the
// partners' accounts: a member company's representative (`company`) and the CINOV-IT referent (`cinov`).
export const ROLES = ['authority', 'curator', 'admin'] as const
export type Role = (typeof ROLES)[number]

/** Accounts of the State–CINOV-IT partnership (issue 16): never venue writers, never API keys. */
export const PARTNER_ROLES = ['company', 'cinov'] as const
export type PartnerRole = (typeof PARTNER_ROLES)[number]

export const USER_ROLES = ['admin', 'curator', 'company', 'cinov'] as const satisfies readonly (Role | PartnerRole)[]
export type UserRole = (typeof USER_ROLES)[number]
