/**
 * A small SVG renderer for the report's charts: horizontal bars and quartile boxes, drawn inline so
 * the HTML file needs no script and no network. Each chart is `role="img"` with a title and a
 * description; the numbers are also in a data table next to it (html.ts).
 */

export const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface Bar {
  label: string;
  value: number | null;
  /** Text at the end of the bar (defaults to the value). */
  note?: string;
  /** Draw in the accent colour (e.g. the correct choice). */
  accent?: boolean;
}

const LABEL_W = 240;
const BAR_W = 360;
const ROW_H = 26;
const clip = (text: string, max = 34) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

let uid = 0;
/** Ids unique within one report (charts get `chart-1`, `chart-2`…). */
export function resetIds(): void {
  uid = 0;
}

function frame(title: string, desc: string, height: number, body: string): string {
  const id = `chart-${++uid}`;
  return `<svg class="chart" role="img" aria-labelledby="${id}-t ${id}-d" viewBox="0 0 ${LABEL_W + BAR_W + 70} ${height}" width="100%" preserveAspectRatio="xMinYMin meet"><title id="${id}-t">${esc(title)}</title><desc id="${id}-d">${esc(desc)}</desc>${body}</svg>`;
}

export function barChart(title: string, desc: string, bars: Bar[], max?: number): string {
  const top = Math.max(max ?? 0, ...bars.map((b) => b.value ?? 0), 1);
  const rows = bars.map((b, i) => {
    const y = i * ROW_H + 4;
    const w = b.value === null ? 0 : Math.max(b.value > 0 ? 2 : 0, (b.value / top) * BAR_W);
    const note = b.note ?? (b.value === null ? '—' : String(b.value));
    return (
      `<text x="${LABEL_W - 8}" y="${y + 15}" text-anchor="end" class="lbl">${esc(clip(b.label))}</text>` +
      `<rect x="${LABEL_W}" y="${y + 2}" width="${w.toFixed(1)}" height="${ROW_H - 8}" class="${b.accent ? 'bar accent' : 'bar'}"/>` +
      `<text x="${LABEL_W + w + 6}" y="${y + 15}" class="val">${esc(note)}</text>`
    );
  });
  return frame(title, desc, bars.length * ROW_H + 8, rows.join(''));
}

export interface Box {
  label: string;
  q1: number;
  median: number;
  q3: number;
}

/** Quartile boxes on one axis from 0 to the largest third quartile, with a marker at `mark` (e.g. 5 s); `format` writes the median (the report's language). */
export function boxChart(title: string, desc: string, boxes: Array<Box | { label: string; missing: string }>, unit: string, mark?: number, format: (n: number) => string = String): string {
  const top = Math.max(1, ...boxes.map((b) => ('q3' in b ? b.q3 : 0)), mark ?? 0);
  const x = (v: number) => LABEL_W + (v / top) * BAR_W;
  const rows = boxes.map((b, i) => {
    const y = i * ROW_H + 4;
    const label = `<text x="${LABEL_W - 8}" y="${y + 15}" text-anchor="end" class="lbl">${esc(clip(b.label))}</text>`;
    if (!('q3' in b)) return `${label}<text x="${LABEL_W}" y="${y + 15}" class="val">${esc(b.missing)}</text>`;
    return (
      label +
      `<rect x="${x(b.q1).toFixed(1)}" y="${y + 3}" width="${Math.max(1, x(b.q3) - x(b.q1)).toFixed(1)}" height="${ROW_H - 10}" class="box"/>` +
      `<rect x="${(x(b.median) - 1.5).toFixed(1)}" y="${y}" width="3" height="${ROW_H - 4}" class="median"/>` +
      `<text x="${(x(b.q3) + 6).toFixed(1)}" y="${y + 15}" class="val">${esc(`${format(b.median)} ${unit}`)}</text>`
    );
  });
  const h = boxes.length * ROW_H + 8;
  const markLine = mark !== undefined ? `<line x1="${x(mark)}" x2="${x(mark)}" y1="0" y2="${h}" class="mark"/>` : '';
  return frame(title, desc, h, markLine + rows.join(''));
}
