// Requests generated from our own OpenAPI document, and the check every answer must pass: no 5xx, and
// either the declared schema for that status or an RFC 9457 problem. Shared by the fuzz and SQLi suites.
import { Ajv, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'
import fc from 'fast-check'
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'

export interface Parameter {
  name: string
  in: 'path' | 'query' | 'header' | 'cookie'
  required?: boolean
  schema?: Schema
  example?: unknown
}
export type Schema = Record<string, any>
export interface Operation {
  method: string
  path: string
  parameters: Parameter[]
  body: { type: string; schema: Schema | null } | null
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>
}

export async function loadOperations(app: FastifyInstance): Promise<{ operations: Operation[]; doc: any }> {
  const doc = (await app.inject('/openapi.json')).json()
  const operations: Operation[] = []
  for (const [path, item] of Object.entries<any>(doc.paths)) {
    for (const [method, op] of Object.entries<any>(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue
      const content = op.requestBody?.content ?? null
      const type = content ? Object.keys(content)[0] : null
      operations.push({
        method: method.toUpperCase(),
        path,
        parameters: [...(item.parameters ?? []), ...(op.parameters ?? [])],
        body: type ? { type, schema: content[type].schema ?? null } : null,
        responses: op.responses ?? {},
      })
    }
  }
  return { operations, doc }
}

// Strings an attacker or a broken client sends: empty, huge, control characters, SQL, paths, markup.
export const NASTY_STRINGS = [
  '',
  ' ',
  '0',
  '-1',
  '1e309',
  'NaN',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  '%',
  '%00',
  '\u0000',
  '\uFEFF',
  '\uD800',
  '😀',
  'é'.repeat(300),
  'a'.repeat(5000),
  '../../etc/passwd',
  '<script>alert(1)</script>',
  "' OR '1'='1",
  "'; DROP TABLE venues; --",
  '1,2,3',
  ',,,',
  '91,181',
  '-91,-181',
  '48.8,2.3',
  '0,0,0,0',
  '2024-13-45T25:61',
  'now',
  '00000000-0000-0000-0000-000000000000',
  'dep:33',
  'reg:',
  '\\',
  '"',
  '${7*7}',
]

/** A value for a JSON schema: usually valid-looking, often hostile. */
export function valueFor(schema: Schema | undefined, depth = 0, example?: unknown): fc.Arbitrary<unknown> {
  const hostile = fc.oneof(fc.constantFrom(...NASTY_STRINGS), fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 20 }))
  const valid = validFor(schema ?? {}, depth, example)
  return fc.oneof(
    { weight: 3, arbitrary: valid },
    { weight: 2, arbitrary: hostile },
    { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null)) },
  )
}

function validFor(schema: Schema, depth: number, example?: unknown): fc.Arbitrary<unknown> {
  const examples = [example, schema.example, ...(schema.examples ?? []), schema.default].filter((e) => e !== undefined)
  const withExamples = (arb: fc.Arbitrary<unknown>) => (examples.length > 0 ? fc.oneof(fc.constantFrom(...examples), arb) : arb)
  if (schema.enum) return fc.constantFrom(...schema.enum)
  if (schema.const !== undefined) return fc.constant(schema.const)
  const alternatives = schema.anyOf ?? schema.oneOf
  if (alternatives) return withExamples(fc.oneof(...alternatives.map((s: Schema) => validFor(s, depth + 1))))
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type
  switch (type) {
    case 'integer':
      return withExamples(fc.integer({ min: schema.minimum ?? -10, max: schema.maximum ?? 10_000 }))
    case 'number':
      return withExamples(fc.double({ min: schema.minimum ?? -200, max: schema.maximum ?? 200, noNaN: true }))
    case 'boolean':
      return fc.boolean()
    case 'null':
      return fc.constant(null)
    case 'array':
      return depth > 3 ? fc.constant([]) : withExamples(fc.array(validFor(schema.items ?? {}, depth + 1), { maxLength: 4 }))
    case 'object': {
      if (depth > 3) return fc.constant({})
      const properties: Record<string, Schema> = schema.properties ?? {}
      const required = new Set<string>(schema.required ?? [])
      const record = fc.record(
        Object.fromEntries(Object.entries(properties).map(([k, s]) => [k, depth < 2 ? valueFor(s, depth + 1) : validFor(s, depth + 1)])),
        { requiredKeys: [...required].filter((k) => k in properties) },
      )
      return withExamples(record)
    }
    default: {
      const lengths = { minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 30, 60) }
      const formats: Record<string, fc.Arbitrary<string>> = {
        uuid: fc.uuid(),
        'date-time': fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
        date: fc
          .date({ noInvalidDate: true, min: new Date('1900-01-01'), max: new Date('2100-01-01') })
          .map((d) => d.toISOString().slice(0, 10)),
        email: fc.emailAddress(),
        uri: fc.webUrl(),
      }
      return withExamples(formats[schema.format] ?? fc.string(lengths))
    }
  }
}

export interface GeneratedRequest extends InjectOptions {
  operation: string
}

/** A random request for one operation; `knownIds` feeds path parameters that should hit real rows. */
export function requestFor(op: Operation, knownIds: string[]): fc.Arbitrary<GeneratedRequest> {
  const pathParams = op.parameters.filter((p) => p.in === 'path')
  const queryParams = op.parameters.filter((p) => p.in === 'query')
  const headerParams = op.parameters.filter((p) => p.in === 'header')
  const idArb = knownIds.length > 0 ? fc.oneof(fc.constantFrom(...knownIds), valueFor({ type: 'string' })) : valueFor({ type: 'string' })
  const path = fc.tuple(...pathParams.map((p) => fc.oneof(idArb, valueFor(p.schema, 0, p.example))))
  const query = fc.record(Object.fromEntries(queryParams.map((p) => [p.name, valueFor(p.schema, 0, p.example)])), { requiredKeys: [] })
  const extraQuery = fc.option(fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.string({ maxLength: 10 }), { maxKeys: 2 }), {
    freq: 5,
  })
  const headers = fc.record(
    Object.fromEntries(headerParams.map((p) => [p.name, fc.oneof(fc.constantFrom('"x"', '*', 'W/"1"'), fc.string({ maxLength: 20 }))])),
    { requiredKeys: [] },
  )
  const body = op.body
    ? fc.oneof(
        { weight: 3, arbitrary: op.body.schema ? valueFor(op.body.schema) : fc.jsonValue() },
        { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
        { weight: 1, arbitrary: fc.string({ maxLength: 200 }).map((s) => ({ raw: s })) },
      )
    : fc.constant(undefined)
  return fc.record({ path, query, extraQuery, headers, body }).map(({ path: values, query: q, extraQuery: extra, headers: h, body: b }) => {
    let url = op.path
    // An empty segment would address another route (/venues/ is the list): a blank stands in for it.
    pathParams.forEach((p, i) => {
      url = url.replace(`{${p.name}}`, encodeURIComponent(wellFormed(stringify(values[i]) || ' ')))
    })
    const search = new URLSearchParams()
    for (const [k, v] of Object.entries({ ...(extra ?? {}), ...q })) if (v !== undefined) search.append(k, stringify(v))
    const qs = search.toString()
    const request: GeneratedRequest = {
      operation: `${op.method} ${op.path}`,
      method: op.method as InjectOptions['method'],
      url: qs ? `${url}?${qs}` : url,
      headers: Object.fromEntries(
        Object.entries(h)
          .filter(([, v]) => v !== undefined && isHeaderSafe(String(v)))
          .map(([k, v]) => [k, String(v)]),
      ),
    }
    if (op.body && b !== undefined) {
      const raw =
        b && typeof b === 'object' && 'raw' in (b as object) && Object.keys(b as object).length === 1 ? (b as { raw: string }).raw : null
      request.payload = raw ?? (op.body.type.includes('json') ? JSON.stringify(b) : stringify(b))
      request.headers = { ...request.headers, 'content-type': op.body.type }
    }
    return request
  })
}

function stringify(value: unknown): string {
  if (typeof value === 'string') return value
  if (Array.isArray(value)) return value.map(stringify).join(',')
  return value === undefined ? '' : (JSON.stringify(value) ?? '')
}

/** Lone surrogates (which encodeURIComponent refuses) become U+FFFD, as a browser would send them. */
function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
}

function isHeaderSafe(value: string): boolean {
  return /^[\t\x20-\x7e]*$/.test(value)
}

/** Validates answers against the document: no 5xx, and the declared schema or a problem+json. */
export function responseChecker(doc: any) {
  const ajv = new Ajv({ strict: false, allErrors: false, validateFormats: true })
  const addFormats = addFormatsModule as unknown as (ajv: Ajv) => void
  addFormats(ajv)
  const cache = new Map<Schema, ValidateFunction>()
  const compile = (schema: Schema) => {
    const known = cache.get(schema)
    if (known) return known
    const fn = ajv.compile({ ...schema, components: doc.components ?? {} })
    cache.set(schema, fn)
    return fn
  }
  return (op: Operation, res: LightMyRequestResponse): string | null => {
    if (res.statusCode >= 500) return `${res.statusCode} ${res.body.slice(0, 300)}`
    const type = String(res.headers['content-type'] ?? '')
      .split(';')[0]
      .trim()
    if (type === 'application/problem+json') {
      const body = safeJson(res.body)
      if (!body || body.status !== res.statusCode || typeof body.title !== 'string') return `malformed problem ${res.body.slice(0, 200)}`
      return null
    }
    // Pages for people (text/html) answer their errors as HTML pages, which the operation declares.
    const declaredTypes = new Set(Object.values(op.responses).flatMap((r) => Object.keys(r.content ?? {})))
    const page = type === 'text/html' && (declaredTypes.has('text/html') || !/^\/(api|ogc|tiles)\//.test(op.path))
    if (res.statusCode >= 400 && !page) return `${res.statusCode} without problem+json (${type})`
    if (res.statusCode >= 400) return null
    const declared = op.responses[String(res.statusCode)] ?? op.responses[`${String(res.statusCode)[0]}XX`] ?? op.responses.default
    if (!declared) return `undeclared status ${res.statusCode}`
    if (res.statusCode === 204 || res.statusCode === 304 || (res.statusCode >= 300 && res.statusCode < 400)) return null
    const content = declared.content ?? {}
    if (type === 'application/json' && content['application/json']?.schema) {
      const validate = compile(content['application/json'].schema!)
      if (!validate(safeJson(res.body))) return `body does not match the ${res.statusCode} schema: ${ajv.errorsText(validate.errors)}`
    }
    return null
  }
}

function safeJson(text: string): any {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
