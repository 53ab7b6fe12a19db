// Who may write: API keys carry any role of ROLES; user accounts (sessions) are admins, curators, territorial
// officers (`authority`: their edits become submissions, like an authority key's), the partners' accounts (a member
// company's representative `company`, the CINOV-IT referent `cinov`) and a State representative (`state`).
export const ROLES = ['authority', 'curator', 'admin'] as const
export type Role = (typeof ROLES)[number]

/** Accounts of the State–CINOV-IT partnership (issue 16): never venue writers, never API keys. */
export const PARTNER_ROLES = ['company', 'cinov'] as const
export type PartnerRole = (typeof PARTNER_ROLES)[number]

/**
 * The committees' representatives (issue 16): the CINOV-IT referent and a State representative. Accounts only;
 * they validate committee minutes and write no venue (so they are not in ROLES, which the write gate trusts).
 */
export const COMMITTEE_ROLES = ['cinov', 'state'] as const
export type CommitteeRole = (typeof COMMITTEE_ROLES)[number]

export const USER_ROLES = ['admin', 'curator', 'authority', 'company', 'cinov', 'state'] as const satisfies readonly (
  | Role
  | PartnerRole
  | CommitteeRole
)[]
export type UserRole = (typeof USER_ROLES)[number]

/** Roles whose account acts inside territories only: they must be given at least one. */
export const TERRITORIAL_USER_ROLES: readonly string[] = ['curator', 'authority']
