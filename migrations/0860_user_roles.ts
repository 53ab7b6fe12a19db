// Accounts beyond the moderation team: a territorial officer (`authority`, issue 14), a member company's
// representative (`company`), the CINOV-IT referent (`cinov`) and a State representative (`state`, issue 16).
// Only the stored values widen here, plus the company a representative speaks for; each role's rights are given
// in code (domain/roles.ts, the write gate).
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE users DROP CONSTRAINT IF EXISTS users_role_check`.execute(db)
  await sql`
    ALTER TABLE users ADD CONSTRAINT users_role_check
      CHECK (role IN ('admin', 'curator', 'authority', 'company', 'cinov', 'state'))`.execute(db)
  await sql`ALTER TABLE users ADD COLUMN company_id uuid REFERENCES companies (id)`.execute(db)
  await sql`
    ALTER TABLE users ADD CONSTRAINT users_company_role_check
      CHECK ((role = 'company') = (company_id IS NOT NULL))`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE users DROP COLUMN company_id`.execute(db)
  await sql`ALTER TABLE users DROP CONSTRAINT IF EXISTS users_role_check`.execute(db)
  await sql`ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('admin', 'curator'))`.execute(db)
}
