// REDIS_URL: two instances (two apps, as two processes behind a balancer would be) share one rate-limit
// count per client, so adding instances does not multiply the limit. Without Redis each counts alone.
import { randomBytes } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../api/app.ts'
import { createTestDatabase, testConfig, type TestDatabase } from '../helpers/databases.ts'

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'
const LIMIT = 6

describe('rate limits shared through Redis', () => {
  let database: TestDatabase
  const apps: FastifyInstance[] = []
  const namespace = `maillage-test-${process.pid}-${randomBytes(4).toString('hex')}-`

  beforeAll(async () => {
    database = await createTestDatabase('postgres')
    for (const redisUrl of [REDIS_URL, REDIS_URL, null, null]) {
      const app = await buildApp({
        config: testConfig({ databaseUrl: database.url, redisUrl, rateLimitMax: LIMIT, rateLimitNamespace: namespace }),
        database,
      })
      await app.ready()
      apps.push(app)
    }
  })

  afterAll(async () => {
    // Leave nothing behind in the shared Redis.
    const redis = apps[0]?.redis
    if (redis) {
      const keys = await redis.keys(`${namespace}*`)
      if (keys.length > 0) await redis.del(...keys)
    }
    for (const app of apps) await app.close()
    await database?.drop()
  })

  const hit = (app: FastifyInstance, ip: string) => app.inject({ url: '/api/v1/venues?limit=1', remoteAddress: ip })

  it('counts one client across both instances', async () => {
    const [a, b] = apps
    expect(a.redis?.status).toBe('ready')
    const statuses: number[] = []
    for (let i = 0; i < LIMIT; i++) statuses.push((await hit(i % 2 ? b : a, '203.0.113.7')).statusCode)
    expect(statuses).toEqual(Array(LIMIT).fill(200))
    // The limit is spent, whichever instance the next request reaches.
    const [overA, overB] = [await hit(a, '203.0.113.7'), await hit(b, '203.0.113.7')]
    expect([overA.statusCode, overB.statusCode]).toEqual([429, 429])
    expect(overB.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(overB.json()).toMatchObject({ status: 429, title: 'Trop de requêtes' })
    expect(Number(overB.headers['retry-after'])).toBeGreaterThan(0)
    // Another client is not affected, and the count really lives in Redis.
    expect((await hit(b, '198.51.100.1')).statusCode).toBe(200)
    expect((await a.redis!.keys(`${namespace}*`)).length).toBeGreaterThan(0)
  })

  it('without Redis, each instance would count alone (the limit doubles with two)', async () => {
    const [, , c, d] = apps
    const statuses: number[] = []
    for (let i = 0; i < LIMIT * 2; i++) statuses.push((await hit(i % 2 ? d : c, '192.0.2.9')).statusCode)
    expect(statuses).toEqual(Array(LIMIT * 2).fill(200))
    expect((await hit(c, '192.0.2.9')).statusCode).toBe(429)
  })
})
