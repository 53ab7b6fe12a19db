// Who may write: API keys carry any role; user accounts (sessions) are admins, curators or territorial officers
// (`authority`: their edits become submissions, like an authority key's).
export const ROLES = ['authority', 'curator', 'admin'] as const
export type Role = (typeof ROLES)[number]

export const USER_ROLES = ['admin', 'curator', 'authority'] as const satisfies readonly Role[]
export type UserRole = (typeof USER_ROLES)[number]

/** Roles whose account acts inside territories only: they must be given at least one. */
export const TERRITORIAL_USER_ROLES: readonly string[] = ['curator', 'authority']
