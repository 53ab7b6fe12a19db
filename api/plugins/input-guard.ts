// Inputs no route can store or answer sensibly, refused before any handler runs: NUL bytes in any string
// (PostgreSQL text cannot hold them, so they would surface as 500s), and requests Node's HTTP parser
// rejects itself (bad request line, headers too large), answered as problem+json like every other error.
import type { Socket } from 'node:net'
import fp from 'fastify-plugin'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { problemTitle, sendProblem } from './problem.ts'

const MAX_DEPTH = 32

/** The path (`nom`, `services.0`) of the first string holding a NUL byte, keys included; null if none. */
export function findNul(value: unknown, path = '', depth = 0): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path || 'body' : null
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH || Buffer.isBuffer(value) || value instanceof Uint8Array) return null
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    const at = path ? `${path}.${key}` : key
    if (key.includes('\u0000')) return at
    const found = findNul(item, at, depth + 1)
    if (found) return found
  }
  return null
}

function nulField(request: FastifyRequest): string | null {
  return findNul(request.params) ?? findNul(request.query) ?? findNul(request.headers) ?? findNul(request.body)
}

/** Node's `clientError`: the request never reached Fastify; answer on the raw socket, then close it. */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy()
    return
  }
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400
  const detail =
    status === 431
      ? 'Les en-têtes de la requête sont trop volumineux.'
      : status === 408
        ? 'La requête n’est pas arrivée à temps.'
        : 'Requête HTTP mal formée (ligne de requête ou en-têtes invalides).'
  const body = JSON.stringify({ type: 'about:blank', title: problemTitle(status), status, detail })
  const reason = status === 431 ? 'Request Header Fields Too Large' : status === 408 ? 'Request Timeout' : 'Bad Request'
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/problem+json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  )
}

export default fp(
  async (app) => {
    // preValidation: the body is parsed (JSON), params and query are still the client's strings.
    app.addHook('preValidation', async (request: FastifyRequest, reply: FastifyReply) => {
      const field = nulField(request)
      if (field === null) return
      return sendProblem(reply, {
        status: 400,
        detail: `Le paramètre ${field} contient un caractère NUL (\\u0000), refusé.`,
        errors: [{ field, message: 'caractère NUL (\\u0000) interdit' }],
      })
    })
  },
  { name: 'input-guard' },
)
