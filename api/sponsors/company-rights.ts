// Who edits which part of a company's record: admins everything; the company's own representative its page
// (not the SIRET nor the membership); the CINOV-IT referent the membership only (issue 16).
import type { Caller } from '../plugins/caller.ts'
import { HttpProblem } from '../plugins/problem.ts'

const MEMBERSHIP = ['cinov_member_since', 'cinov_status']
const COMPANY_LOCKED = ['siret', ...MEMBERSHIP]

export function assertCompanyEdit(caller: Caller, companyId: string, fields: string[]): void {
  if (caller.role === 'admin') return
  if (caller.role === 'company') {
    if (caller.companyId !== companyId) throw new HttpProblem(403, 'Vous ne pouvez modifier que la fiche de votre entreprise.')
    const locked = fields.filter((f) => COMPANY_LOCKED.includes(f))
    if (locked.length)
      throw new HttpProblem(403, 'Le SIRET et l’adhésion sont tenus par l’administration et le référent CINOV-IT.', {
        errors: locked.map((field) => ({ field, message: 'non modifiable par l’entreprise' })),
      })
    return
  }
  if (caller.role === 'cinov') {
    const other = fields.filter((f) => !MEMBERSHIP.includes(f))
    if (other.length)
      throw new HttpProblem(403, 'Le référent CINOV-IT ne modifie que l’adhésion (cinov_member_since, cinov_status).', {
        errors: other.map((field) => ({ field, message: 'réservé à l’entreprise ou à l’administration' })),
      })
    return
  }
  throw new HttpProblem(403, 'Action réservée aux administrateurs.')
}
