// The auth domain: who is calling (API key or admin session, see plugin.ts), login, and account/key admin.
// fastify-plugin so that the caller hook and the session apply to every domain, not just this one.
import fp from 'fastify-plugin'
import plugin from './plugin.ts'
import routes from './routes.ts'
import adminRoutes from './admin-routes.ts'
import totpRoutes from './totp-routes.ts'

export default fp(
  async (app) => {
    await app.register(plugin)
    await app.register(routes)
    await app.register(adminRoutes)
    await app.register(totpRoutes)
  },
  { name: 'auth-domain' },
)
