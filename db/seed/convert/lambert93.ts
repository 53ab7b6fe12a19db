// Lambert-93 (EPSG:2154) → WGS84 longitude/latitude, inverse Lambert conformal conic on GRS80
// (IGN, "Projection cartographique conique conforme de Lambert", algorithms ALG0004 and ALG0002).
// The RGF93 → WGS84 datum shift is below a metre and ignored.

const A = 6378137 // GRS80 semi-major axis
const E = 0.0818191910428158 // GRS80 first eccentricity
const LON0 = (3 * Math.PI) / 180
const PHI0 = (46.5 * Math.PI) / 180
const PHI1 = (44 * Math.PI) / 180
const PHI2 = (49 * Math.PI) / 180
const X0 = 700000
const Y0 = 6600000

const isometricLatitude = (phi: number): number =>
  Math.log(Math.tan(Math.PI / 4 + phi / 2) * ((1 - E * Math.sin(phi)) / (1 + E * Math.sin(phi))) ** (E / 2))
const normalRadius = (phi: number): number => A / Math.sqrt(1 - E * E * Math.sin(phi) ** 2)

const N =
  Math.log((normalRadius(PHI2) * Math.cos(PHI2)) / (normalRadius(PHI1) * Math.cos(PHI1))) /
  (isometricLatitude(PHI1) - isometricLatitude(PHI2))
const C = ((normalRadius(PHI1) * Math.cos(PHI1)) / N) * Math.exp(N * isometricLatitude(PHI1))
const YS = Y0 + C * Math.exp(-N * isometricLatitude(PHI0))

export function lambert93ToWgs84(x: number, y: number): { latitude: number; longitude: number } {
  const dx = x - X0
  const dy = y - YS
  const r = Math.sqrt(dx * dx + dy * dy)
  const gamma = Math.atan(dx / -dy)
  const longitude = LON0 + gamma / N
  const latIso = -Math.log(Math.abs(r / C)) / N
  let phi = 2 * Math.atan(Math.exp(latIso)) - Math.PI / 2
  for (let i = 0; i < 20; i++) {
    const next = 2 * Math.atan(((1 + E * Math.sin(phi)) / (1 - E * Math.sin(phi))) ** (E / 2) * Math.exp(latIso)) - Math.PI / 2
    if (Math.abs(next - phi) < 1e-12) {
      phi = next
      break
    }
    phi = next
  }
  // Rounded to 7 decimals (~1 cm): the input has no more precision than that.
  const round = (deg: number): number => Math.round(deg * 1e7) / 1e7
  return { latitude: round((phi * 180) / Math.PI), longitude: round((longitude * 180) / Math.PI) }
}
