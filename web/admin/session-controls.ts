// The login form and the logout button of the pages behind an account (/admin, /territoire, /entreprise): the
// same sessions, so the same wiring; the second-factor field is sent when the page has one and it is filled.
import { api, flash } from './api.ts'

export function wireSessionControls(onLoggedIn: () => Promise<void>): void {
  const field = (id: string) => document.getElementById(id) as HTMLInputElement | null
  document.getElementById('login-form')!.addEventListener('submit', async (event) => {
    event.preventDefault()
    try {
      const otp = field('login-otp')?.value.trim()
      await api('POST', '/api/v1/auth/login', {
        email: field('login-email')!.value,
        password: field('login-password')!.value,
        ...(otp ? { otp } : {}),
      })
      flash('Vous êtes connecté.')
      await onLoggedIn()
    } catch (error) {
      flash(error instanceof Error ? error.message : String(error), 'error')
    }
  })
  document.getElementById('logout')!.addEventListener('click', async () => {
    await api('POST', '/api/v1/auth/logout')
    location.reload()
  })
}
