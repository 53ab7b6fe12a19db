// Every JSON answer a test receives is checked against the response schema /openapi.json documents for that
// route and status code (ajv, the document the app serves): the documented schema must describe what is really
// sent. Mismatches are collected by an onSend hook and reported by `takeMismatches` (describeEachApp fails the
// test in afterEach), naming the route, the status and ajv's message. Each schema is compiled once per process.
import { Ajv, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'

interface MediaType {
  schema?: unknown
}
interface Operation {
  responses?: Record<string, { content?: Record<string, MediaType> }>
}
interface OpenapiDocument {
  paths: Record<string, Record<string, Operation>>
  components?: Record<string, unknown>
}

const ajv = new Ajv({ strict: false, allErrors: true })
;(addFormatsModule as unknown as (a: Ajv) => void)(ajv)
// Keyed by method, path, status and media type; `null` when nothing is documented (nothing to check).
const compiled = new Map<string, ValidateFunction | null>()

/** `/api/v1/venues/:id` (Fastify) → `/api/v1/venues/{id}` (OpenAPI), as @fastify/swagger writes it. */
export function openapiPath(url: string): string {
  return url.replace(/:(\w+)(\([^)]*\))?/g, '{$1}')
}

function documentedSchema(doc: OpenapiDocument, method: string, path: string, status: number, mediaType: string): unknown {
  const responses = doc.paths[path]?.[method]?.responses
  if (!responses) return undefined
  const response = responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default
  const content = response?.content
  if (!content) return undefined
  // Errors (problem+json) are documented under application/json, as @fastify/swagger writes every response; other
  // representations (GeoJSON, …) are checked only where a schema is documented for their own media type.
  const fallback = mediaType === 'application/problem+json' ? content['application/json'] : undefined
  return (content[mediaType] ?? fallback)?.schema
}

function validatorFor(doc: OpenapiDocument, method: string, path: string, status: number, mediaType: string) {
  const key = `${method} ${path} ${status} ${mediaType}`
  let validate = compiled.get(key)
  if (validate === undefined) {
    const schema = documentedSchema(doc, method, path, status, mediaType)
    // `#/components/…` references resolve inside the compiled root, so it carries the document's components.
    validate = schema ? ajv.compile({ ...(schema as object), components: doc.components ?? {} }) : null
    compiled.set(key, validate)
  }
  return validate
}

export interface ResponseChecker {
  /** The mismatches seen since the last call (and forgets them). */
  takeMismatches(): string[]
}

/** Installs the check on an app (before `ready`). */
export function checkResponsesAgainstSchemas(app: FastifyInstance): ResponseChecker {
  let doc: OpenapiDocument | null = null
  let mismatches: string[] = []
  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const route = request.routeOptions.url
    const type = String(reply.getHeader('content-type') ?? '')
    const mediaType = type.split(';')[0].trim()
    if (!route || !/^application\/([\w.-]+\+)?json$/.test(mediaType) || reply.getHeader('content-encoding')) return payload
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload
    doc ??= app.swagger() as unknown as OpenapiDocument
    const method = request.method.toLowerCase()
    const validate = validatorFor(doc, method, openapiPath(route), reply.statusCode, mediaType)
    if (!validate) return payload
    let body: unknown
    try {
      body = JSON.parse(payload.toString())
    } catch {
      mismatches.push(`${request.method} ${route} → ${reply.statusCode}: not JSON although sent as ${mediaType}`)
      return payload
    }
    if (!validate(body)) {
      const errors = (validate.errors ?? [])
        .map((e) => {
          const extra = (e.params as { additionalProperty?: string }).additionalProperty
          return `body${e.instancePath} ${e.message}${extra ? ` (${extra})` : ''}`
        })
        .join('; ')
      mismatches.push(`${request.method} ${route} → ${reply.statusCode} (${request.url.slice(0, 120)}): ${errors}`)
    }
    return payload
  })
  return {
    takeMismatches() {
      const taken = mismatches
      mismatches = []
      return taken
    },
  }
}
