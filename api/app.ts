// Builds the Fastify application (no listen): plugins, then every domain's routes, then the web build.
import Fastify, { type FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { DatabaseHandle } from '../db/connect.ts'
import type { Config } from './config.ts'
import caller from './plugins/caller.ts'
import database from './plugins/database.ts'
import drain from './plugins/drain.ts'
import inputGuard, { clientErrorHandler } from './plugins/input-guard.ts'
import openapi from './plugins/openapi.ts'
import pressure from './plugins/pressure.ts'
import problem, { frameworkProblem } from './plugins/problem.ts'
import redis from './plugins/redis.ts'
import security from './plugins/security.ts'
import web from './plugins/web.ts'
import { DOMAINS } from './routes.ts'

export interface BuildOptions {
  config: Config
  database: DatabaseHandle
  logger?: boolean | object
}

export async function buildApp({ config, database: handle, logger = false }: BuildOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger,
    // A hop count trusts that many proxies nearest to us (Express semantics); Fastify's own number form trusts none.
    trustProxy:
      typeof config.trustProxy === 'number'
        ? (
            (hops: number) => (_address: string, i: number) =>
              i < hops
          )(config.trustProxy)
        : config.trustProxy,
    bodyLimit: 2 * 1024 * 1024,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: true, useDefaults: true } },
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    frameworkErrors: frameworkProblem,
    // Bad request lines, oversized headers: refused by Node's parser, answered as problem+json all the same.
    clientErrorHandler,
  }).withTypeProvider<TypeBoxTypeProvider>()

  await app.register(database, { database: handle, config })
  await app.register(problem)
  await app.register(drain)
  await app.register(inputGuard)
  await app.register(pressure)
  await app.register(redis)
  await app.register(security)
  await app.register(openapi)
  await app.register(caller)
  for (const domain of DOMAINS) await app.register(domain)
  await app.register(web)
  return app as unknown as FastifyInstance
}
