// Optional second factor for an admin session (TOTP): enrol, confirm with a first code, remove with a code.
// Only a logged-in person manages their own factor; an admin can remove someone's (PATCH /admin/users/{id}).
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { beginEnrolment, checkCode, confirmEnrolment, disableTotp, totpStatus } from '../../db/auth/totp.ts'
import { callerOf } from '../plugins/caller.ts'
import { ProblemSchema } from '../plugins/problem-schema.ts'
import { HttpProblem } from '../plugins/problem.ts'
import { TotpCodeBody } from './schemas.ts'
import { USER_ROLES } from '../../domain/roles.ts'

// Every kind of account (territorial officers too) may protect its own sign-in.
const accounts = { access: { roles: [...USER_ROLES] } }
/** Keys are refused before the body is even validated (403, not 400). */
const sessionOnly = async (request: FastifyRequest) => {
  sessionCaller(request)
}
const security: Record<string, string[]>[] = [{ session: [] }]
const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 409: ProblemSchema }

function sessionCaller(request: FastifyRequest) {
  const caller = callerOf(request)
  if (caller.kind !== 'session')
    throw new HttpProblem(
      403,
      'La vérification en deux étapes concerne les comptes : connectez-vous avec votre adresse et votre mot de passe.',
    )
  return caller
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/v1/auth/totp',
    {
      config: accounts,
      preValidation: sessionOnly,
      schema: {
        tags: ['contribution'],
        summary: 'Commencer l’activation de la vérification en deux étapes',
        description:
          'Renvoie, une seule fois, le secret et son URI `otpauth://` (à scanner en QR code dans une application TOTP). ' +
          'Le facteur n’est actif qu’après confirmation par un premier code.',
        security,
        response: { 200: Type.Object({ otpauth_uri: Type.String(), secret: Type.String() }), ...errors },
      },
    },
    async (request, reply) => {
      const caller = sessionCaller(request)
      const user = await totpStatus(app.db, caller.id)
      if (!user) throw new HttpProblem(401, 'Session inconnue.')
      if (user.enabled) throw new HttpProblem(409, 'La vérification en deux étapes est déjà active : retirez-la d’abord.')
      const { secret, uri } = await beginEnrolment(app.db, caller.id, user.email)
      reply.header('Cache-Control', 'no-store')
      return { otpauth_uri: uri, secret }
    },
  )

  app.post(
    '/api/v1/auth/totp/confirm',
    {
      config: accounts,
      preValidation: sessionOnly,
      schema: {
        tags: ['contribution'],
        summary: 'Confirmer la vérification en deux étapes',
        description: 'Le premier code de l’application active le facteur : il sera demandé à chaque connexion.',
        security,
        body: TotpCodeBody,
        response: { 200: Type.Object({ enabled: Type.Boolean() }), ...errors },
      },
    },
    async (request) => {
      const caller = sessionCaller(request)
      if (!(await checkCode(app.db, caller.id, request.body.code, 'pending'))) {
        throw new HttpProblem(400, 'Code incorrect ou expiré.', { errors: [{ field: 'code', message: 'code incorrect' }] })
      }
      await confirmEnrolment(app.db, caller.id, caller.label)
      return { enabled: true }
    },
  )

  app.post(
    '/api/v1/auth/totp/disable',
    {
      config: accounts,
      preValidation: sessionOnly,
      schema: {
        tags: ['contribution'],
        summary: 'Retirer la vérification en deux étapes',
        description: 'Demande un code valide de l’application.',
        security,
        body: TotpCodeBody,
        response: { 200: Type.Object({ enabled: Type.Boolean() }), ...errors },
      },
    },
    async (request) => {
      const caller = sessionCaller(request)
      if (!(await checkCode(app.db, caller.id, request.body.code, 'active'))) {
        throw new HttpProblem(400, 'Code incorrect ou expiré.', { errors: [{ field: 'code', message: 'code incorrect' }] })
      }
      await disableTotp(app.db, caller.id, caller.label)
      return { enabled: false }
    },
  )
}
export default routes
