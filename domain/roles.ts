// Who may write: API keys carry any role; user accounts (the admin UI) are curators or admins.
export const ROLES = ['authority', 'curator', 'admin'] as const
export type Role = (typeof ROLES)[number]

export const USER_ROLES = ['admin', 'curator'] as const satisfies readonly Role[]
export type UserRole = (typeof USER_ROLES)[number]
