// Hand-written SVG charts (no chart library): pure functions, used by the report (server) and the dashboard (browser).
import { escapeHtml as esc } from '../html.ts'

const fr = (n: number, digits = 0) => n.toLocaleString('fr-FR', { maximumFractionDigits: digits })

export interface Bar {
  label: string
  value: number
  display?: string
}

/** Horizontal bars, one per row, with the value written after the bar. */
export function barChart(bars: Bar[], options: { title: string; max?: number; color?: string; width?: number }): string {
  const width = options.width ?? 640
  const labelWidth = 230
  const rowHeight = 28
  const height = bars.length * rowHeight + 10
  const max = options.max ?? Math.max(1, ...bars.map((b) => b.value))
  const barSpace = width - labelWidth - 90
  const rows = bars
    .map((b, i) => {
      const y = 5 + i * rowHeight
      const w = Math.max(0, (b.value / max) * barSpace)
      return `<g><text x="${labelWidth - 8}" y="${y + 18}" text-anchor="end" font-size="13">${esc(b.label)}</text>
      <rect x="${labelWidth}" y="${y + 4}" width="${w.toFixed(1)}" height="${rowHeight - 10}" fill="${options.color ?? '#000091'}">
        <title>${esc(b.label)} : ${esc(b.display ?? fr(b.value))}</title></rect>
      <text x="${(labelWidth + w + 6).toFixed(1)}" y="${y + 18}" font-size="13">${esc(b.display ?? fr(b.value))}</text></g>`
    })
    .join('')
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="` +
    `${esc(options.title)}" font-family="Marianne, Arial, sans-serif"><title>${esc(options.title)}</title>${rows}` +
    `</svg>`
  )
}

/** A line with points over months (time series). */
export function lineChart(points: { label: string; value: number }[], options: { title: string; width?: number; height?: number }): string {
  const width = options.width ?? 640
  const height = options.height ?? 220
  const left = 50,
    right = 15,
    top = 15,
    bottom = 40
  const max = Math.max(1, ...points.map((p) => p.value))
  const step = points.length > 1 ? (width - left - right) / (points.length - 1) : 0
  const x = (i: number) => left + i * step
  const y = (v: number) => top + (height - top - bottom) * (1 - v / max)
  const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ')
  const ticks = [0, 0.5, 1]
    .map(
      (t) =>
        `<g><line x1="${left}" x2="${width - right}" y1="${y(max * t).toFixed(1)}" y2="${y(max * t).toFixed(1)}" ` +
        `stroke="#ddd"/><text x="${left - 6}" y="${(y(max * t) + 4).toFixed(1)}" text-anchor="end" font-size="11">` +
        `${fr(Math.round(max * t))}</text></g>`,
    )
    .join('')
  const every = Math.max(1, Math.ceil(points.length / 8))
  const labels = points
    .map((p, i) =>
      i % every === 0 || i === points.length - 1
        ? `<text x="${x(i).toFixed(1)}" y="${height - bottom + 16}" text-anchor="middle" font-size="11">${esc(p.label)}</text>`
        : '',
    )
    .join('')
  const dots = points
    .map(
      (p, i) =>
        `<circle cx="${x(i).toFixed(1)}" cy="${y(p.value).toFixed(1)}" r="3" fill="#000091"><title>${esc(p.label)} : ` +
        `${fr(p.value)}</title></circle>`,
    )
    .join('')
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="` +
    `${esc(options.title)}" font-family="Marianne, Arial, sans-serif"><title>${esc(options.title)}</title>${ticks}` +
    `<path d="${path}" fill="none" stroke="#000091" stroke-width="2"/>${dots}${labels}</svg>`
  )
}

/** Progress towards a target (the 2,000 emplois d'avenir). */
export function gauge(value: number, target: number, options: { title: string; width?: number }): string {
  const width = options.width ?? 640
  const share = Math.min(1, target > 0 ? value / target : 0)
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} 48" width="100%" role="img"
    aria-label="${esc(options.title)}" font-family="Marianne, Arial, sans-serif"><title>${esc(options.title)}</title>
    <rect x="0" y="8" width="${width - 120}" height="20" fill="#e3e3fd"/>
    <rect x="0" y="8" width="${((width - 120) * share).toFixed(1)}" height="20" fill="#18753c"/>
    <text x="${width - 112}" y="23" font-size="13">${fr(value)} / ${fr(target)}</text>
    <text x="0" y="44" font-size="11">${fr(share * 100, 1)} % de l’objectif</text></svg>`
}

export const percent = (share: number, digits = 1) => `${fr(share * 100, digits)} %`
export const number = fr
