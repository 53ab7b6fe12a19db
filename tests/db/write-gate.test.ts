// The write gate's rules on their own (db/write-gate.ts): territory of the stored venue and of the result,
// sources of bound keys, who publishes. The routes that use it are covered by tests/api/authorization-matrix.
import { describe, expect, it } from 'vitest'
import { gateVenueWrite, OPERATOR, type VenuePlace, type Writer } from '../../db/write-gate.ts'

const bordeaux = (source = 'cd33'): VenuePlace => ({ departement: '33', region: '75', source })
const paris = (source = 'ville-de-paris'): VenuePlace => ({ departement: '75', region: '11', source })
const authority: Writer = { role: 'authority', territories: ['dep:33'], sources: ['cd33'] }
const curator: Writer = { role: 'curator', territories: ['reg:75'], sources: [] }

describe('gateVenueWrite', () => {
  it('checks the stored venue and the result against the territory, whatever the kind of change', () => {
    for (const kind of ['update', 'import', 'revert', 'merge', 'approve'] as const) {
      expect(gateVenueWrite(curator, { kind, stored: paris('cd33'), result: bordeaux() })).toMatchObject({
        allowed: false,
        reason: 'stored_outside',
        field: 'code_insee',
      })
      expect(gateVenueWrite(curator, { kind, stored: bordeaux(), result: paris('cd33') })).toMatchObject({
        allowed: false,
        reason: 'result_outside',
      })
      expect(gateVenueWrite(curator, { kind, stored: bordeaux(), result: bordeaux() })).toEqual({ allowed: true, publish: true })
    }
    // A venue with no known commune is outside every territory but `fr`.
    expect(gateVenueWrite(curator, { kind: 'create', stored: null, result: { departement: null, region: null } })).toMatchObject({
      allowed: false,
      reason: 'result_outside',
    })
    expect(gateVenueWrite({ ...curator, territories: ['fr'] }, { kind: 'update', stored: paris(), result: bordeaux() })).toEqual({
      allowed: true,
      publish: true,
    })
  })

  it('sends authorities to moderation and lets curators and admins publish', () => {
    expect(gateVenueWrite(authority, { kind: 'update', stored: bordeaux('autre'), result: bordeaux('autre') })).toEqual({
      allowed: true,
      publish: false,
    })
    expect(gateVenueWrite(authority, { kind: 'import', stored: null, result: bordeaux() })).toEqual({ allowed: true, publish: false })
    expect(
      gateVenueWrite({ role: 'admin', territories: [] }, { kind: 'import', stored: paris(), result: bordeaux('ville-de-paris') }),
    ).toEqual({ allowed: true, publish: true })
    expect(gateVenueWrite(OPERATOR, { kind: 'import', stored: paris(), result: bordeaux('ville-de-paris') })).toEqual({
      allowed: true,
      publish: true,
    })
  })

  it('holds a bound key to its sources when it names one (create, import, change of source)', () => {
    expect(gateVenueWrite(authority, { kind: 'import', stored: null, result: bordeaux('ville-de-paris') })).toMatchObject({
      allowed: false,
      reason: 'other_source',
      field: 'source',
    })
    expect(gateVenueWrite(authority, { kind: 'create', stored: null, result: bordeaux('autre') })).toMatchObject({
      allowed: false,
      reason: 'other_source',
    })
    expect(gateVenueWrite(authority, { kind: 'update', stored: bordeaux('cd33'), result: bordeaux('autre') })).toMatchObject({
      allowed: false,
      reason: 'other_source',
    })
    // A bound curator key too: binding is a restriction, whoever holds it.
    expect(gateVenueWrite({ ...curator, sources: ['cd33'] }, { kind: 'import', stored: null, result: bordeaux('autre') })).toMatchObject({
      allowed: false,
      reason: 'other_source',
    })
  })

  it('refuses imports by an authority key bound to no source, in French, even before any row', () => {
    const unbound: Writer = { role: 'authority', territories: ['dep:33'] }
    expect(gateVenueWrite(unbound, { kind: 'import', stored: null, result: null })).toMatchObject({
      allowed: false,
      reason: 'unbound_key',
      field: 'source',
      message: expect.stringMatching(/liée à aucune source.*--source/),
    })
    expect(gateVenueWrite(unbound, { kind: 'create', stored: null, result: bordeaux('Gironde') })).toEqual({
      allowed: true,
      publish: false,
    })
    expect(gateVenueWrite(authority, { kind: 'import', stored: null, result: null })).toEqual({ allowed: true, publish: false })
  })

  it('refuses every change to roles it has no rule for (DESIGN’s company, cinov, state until they get one)', () => {
    for (const role of ['company', 'cinov', 'state']) {
      expect(gateVenueWrite({ role, territories: ['fr'] }, { kind: 'sponsorship', stored: bordeaux(), result: bordeaux() })).toMatchObject({
        allowed: false,
        reason: 'role',
      })
    }
  })
})
