// RFC 9457 problem details for every error, with `errors[]` naming each invalid field, in French.
import fp from 'fastify-plugin'
import type { FastifyError, FastifyReply } from 'fastify'
import { HttpProblem, type FieldError, type Problem } from '../../services/problem.ts'

export { HttpProblem, type FieldError, type Problem }

const TITLES: Record<number, string> = {
  400: 'Requête invalide',
  401: 'Authentification requise',
  403: 'Accès refusé',
  404: 'Introuvable',
  405: 'Méthode non autorisée',
  406: 'Format non disponible',
  409: 'Conflit',
  412: 'Version périmée',
  413: 'Contenu trop volumineux',
  414: 'Adresse trop longue',
  415: 'Type de contenu non pris en charge',
  422: 'Données invalides',
  428: 'En-tête If-Match requis',
  429: 'Trop de requêtes',
  500: 'Erreur interne',
  503: 'Service indisponible',
}

export function problemTitle(status: number): string {
  return TITLES[status] ?? 'Erreur'
}

export type ProblemInput = { status: number; title?: string; detail?: string; errors?: FieldError[]; [extension: string]: unknown }

export function sendProblem(reply: FastifyReply, problem: ProblemInput) {
  // Own serializer: a route's response schema for that status (e.g. an HTML string) must not mangle the problem.
  return reply
    .code(problem.status)
    .type('application/problem+json; charset=utf-8')
    .serializer(JSON.stringify)
    .send({ type: 'about:blank', title: problemTitle(problem.status), ...problem })
}

interface AjvIssue {
  instancePath?: string
  keyword: string
  params: Record<string, unknown>
  message?: string
}

function fieldOf(issue: AjvIssue, context: string | undefined): string {
  const path = (issue.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.')
  if (issue.keyword === 'required') return [path, String(issue.params.missingProperty)].filter(Boolean).join('.')
  if (issue.keyword === 'additionalProperties') return [path, String(issue.params.additionalProperty)].filter(Boolean).join('.')
  return path || (context ?? 'body')
}

function frenchMessage(issue: AjvIssue): string {
  const p = issue.params
  switch (issue.keyword) {
    case 'required':
      return 'champ obligatoire'
    case 'additionalProperties':
      return 'paramètre inconnu'
    case 'type':
      return `doit être de type ${String(p.type)
        .replace('integer', 'entier')
        .replace('number', 'nombre')
        .replace('string', 'texte')
        .replace('boolean', 'booléen')
        .replace('array', 'liste')
        .replace('object', 'objet')}`
    case 'enum':
      return `valeur non autorisée ; valeurs possibles : ${(p.allowedValues as unknown[]).join(', ')}`
    case 'pattern':
      return `format invalide (attendu : ${String(p.pattern)})`
    case 'maxLength':
      return `au plus ${String(p.limit)} caractères`
    case 'minLength':
      return `au moins ${String(p.limit)} caractère(s)`
    case 'maximum':
      return `doit être inférieur ou égal à ${String(p.limit)}`
    case 'minimum':
      return `doit être supérieur ou égal à ${String(p.limit)}`
    case 'maxItems':
      return `au plus ${String(p.limit)} éléments`
    case 'format':
      return `format ${String(p.format)} attendu`
    case 'anyOf':
    case 'oneOf':
      return 'ne correspond à aucune forme acceptée'
    default:
      return issue.message ?? 'valeur invalide'
  }
}

// Lost or refused database connections (server stopped, restarting, failing over) are a temporary 503,
// not a 500: SQLSTATE class 08 and 57P01-57P03, socket errors, and pg's own connection messages.
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', '57P01', '57P02', '57P03'])
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 3) return false
  const { code, message, errors, cause } = error as { code?: unknown; message?: unknown; errors?: unknown; cause?: unknown }
  if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) return true
  if (
    typeof message === 'string' &&
    /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection refused/i.test(
      message,
    )
  )
    return true
  if (Array.isArray(errors) && errors.some((e) => isDatabaseUnavailable(e, depth + 1))) return true
  return isDatabaseUnavailable(cause, depth + 1)
}

/** Fastify's `frameworkErrors`: malformed or over-long URLs are refused before routing, as problems too. */
export function frameworkProblem(error: FastifyError, _request: unknown, reply: FastifyReply) {
  const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH'
  return sendProblem(reply, {
    status: tooLong ? 414 : 400,
    detail: tooLong ? 'Un paramètre de l’adresse est trop long.' : 'L’adresse demandée contient un encodage invalide.',
  })
}

export default fp(
  async (app) => {
    app.setErrorHandler((error: FastifyError & { validationContext?: string; validation?: AjvIssue[] }, request, reply) => {
      if (error instanceof HttpProblem) {
        return sendProblem(reply, { status: error.status, detail: error.message, ...error.extra })
      }
      if (error.validation) {
        const errors = error.validation
          .filter((i) => !['anyOf', 'oneOf', 'if'].includes(i.keyword) || error.validation!.length === 1)
          .map((i) => ({ field: fieldOf(i, error.validationContext), message: frenchMessage(i) }))
        const fields = [...new Set(errors.map((e) => e.field))]
        return sendProblem(reply, { status: 400, detail: `Paramètre(s) invalide(s) : ${fields.join(', ')}.`, errors })
      }
      if (isDatabaseUnavailable(error)) {
        request.log.warn({ err: error }, 'database unavailable')
        reply.header('Retry-After', '5')
        return sendProblem(reply, {
          status: 503,
          detail: 'La base de données est momentanément indisponible ; réessayez dans quelques secondes.',
        })
      }
      const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500
      if (status >= 500) request.log.error({ err: error }, 'unhandled error')
      const headers = (error as { headers?: Record<string, string> }).headers
      if (headers) reply.headers(headers)
      const detail =
        status >= 500
          ? 'Une erreur inattendue est survenue ; elle a été enregistrée.'
          : status === 413
            ? 'Le contenu envoyé dépasse la taille autorisée.'
            : status === 415
              ? 'Type de contenu non pris en charge.'
              : error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
                ? 'Le corps de la requête n’est pas un JSON valide.'
                : typeof (error as { detail?: unknown }).detail === 'string'
                  ? (error as unknown as { detail: string }).detail
                  : error.message
      return sendProblem(reply, { status, detail })
    })

    app.setNotFoundHandler((request, reply) => {
      return sendProblem(reply, { status: 404, detail: `Aucune ressource à l'adresse ${request.url.split('?')[0]}.` })
    })
  },
  { name: 'problem' },
)
