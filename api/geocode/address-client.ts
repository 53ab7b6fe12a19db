// Optional address geocoder speaking the national address API (BAN) format: a GeoJSON FeatureCollection whose
// features carry label, type, citycode, postcode, city, score. Any failure only drops the address results.
export interface AddressHit {
  label: string
  type: string
  code_insee: string | null
  code_postal: string | null
  commune: string | null
  latitude: number
  longitude: number
  score: number
}

interface BanFeature {
  geometry?: { type?: string; coordinates?: [number, number] }
  properties?: { label?: string; type?: string; citycode?: string; postcode?: string; city?: string; score?: number }
}

export async function searchAddresses(baseUrl: string, q: string, limit: number, timeoutMs = 2500): Promise<AddressHit[]> {
  const url = new URL(baseUrl)
  url.searchParams.set('q', q)
  url.searchParams.set('limit', String(limit))
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } })
    if (!response.ok) return []
    const body = (await response.json()) as { features?: BanFeature[] }
    return (body.features ?? []).flatMap((feature) => {
      const coordinates = feature.geometry?.coordinates
      const p = feature.properties ?? {}
      if (!coordinates || typeof p.label !== 'string') return []
      return [
        {
          label: p.label,
          type: p.type ?? 'address',
          code_insee: p.citycode ?? null,
          code_postal: p.postcode ?? null,
          commune: p.city ?? null,
          longitude: Number(coordinates[0]),
          latitude: Number(coordinates[1]),
          score: typeof p.score === 'number' ? p.score : 0,
        },
      ]
    })
  } catch {
    return []
  }
}
