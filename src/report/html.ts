/**
 * The report as one self-contained HTML file: inline CSS and SVG, no script, no external resource
 * (a Content-Security-Policy forbids any), readable without colour, with every chart's numbers in
 * a data table behind a disclosure (WCAG 2.1 AA). Every interface text comes from the report's
 * interface tables (templates/i18n/report, i18n.ts); numbers, percentages and dates from Intl.
 */
import type { AssessmentFigures, Count, Flag, MediaFigures, QuestionFigures, ReportFigures, ScenarioFigures } from './figures.js';
import { noteText, reportTable, reportText, type ReportText } from './i18n.js';
import { SKIM_SECONDS } from './analyse-pages.js';
import { barChart, boxChart, esc, resetIds, type Bar } from './svg.js';

const CSS = `
:root{color-scheme:light}
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#1a1a1a;background:#fff;margin:0}
main{max-width:62rem;margin:0 auto;padding:1.5rem}
h1{font-size:1.8rem;margin:.2rem 0}h2{font-size:1.4rem;margin-top:2.2rem;border-bottom:2px solid #d0d7de;padding-bottom:.2rem}h3{font-size:1.1rem;margin-top:1.6rem}
.meta{color:#3b4451}.note{background:#f3f6f9;border-left:4px solid #4a5a6a;padding:.5rem .8rem}
table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.95rem}th,td{border:1px solid #c6ccd2;padding:.25rem .6rem;text-align:left;vertical-align:top}
th{background:#eef1f4}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
details{margin:.3rem 0 1.2rem}.table-wrap{max-width:100%;overflow-x:auto}.table-wrap:focus-visible{outline:3px solid #b35900}
h3 small{overflow-wrap:anywhere}summary{cursor:pointer;color:#0b57a4;text-decoration:underline}
summary:focus-visible,a:focus-visible{outline:3px solid #b35900;outline-offset:2px}
.chart{max-width:42rem;display:block}.chart .lbl,.chart .val{font-size:13px;fill:#1a1a1a}
.chart .bar{fill:#2b6cb0}.chart .bar.accent{fill:#1f7a3a}.chart .box{fill:#9cc2e5;stroke:#2b6cb0}.chart .median{fill:#1a1a1a}.chart .mark{stroke:#b35900;stroke-dasharray:4 3}
ul.flags li{margin:.3rem 0;overflow-wrap:anywhere}.flag{font-weight:600}
.hidden{color:#4a5560;font-style:italic}
`;

/** Course texts are in the report's course language, the interface in its own (i18n.ts): where they differ, course texts carry their lang (WCAG 3.1.2). */
let courseLang = 'en';
let L: ReportText = reportText('en');
const t = (text: string) => (courseLang === L.lang ? esc(text) : `<span lang="${esc(courseLang)}">${esc(text)}</span>`);

/** An interface text as HTML: the template escaped, its `{name}` placeholders replaced by `values` as given (already HTML). */
function h(key: string, values: Record<string, string | number> = {}): string {
  return esc(L.text(key)).replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
/** `h` with the plural form for `n` (given as `{n}`, formatted). */
const hp = (key: string, n: number, values: Record<string, string | number> = {}) => h(L.pluralKey(key, n), { n: L.number(n), ...values });
/** An interface text as plain text (SVG titles and labels, escaped by svg.ts). */
const x = (key: string, values: Record<string, string | number> = {}) => L.text(key, values);

const hidden = (text: string) => `<span class="hidden">${text}</span>`;
const num = (n: number | null | undefined) => (n === null || n === undefined ? hidden(h('hidden')) : L.number(n));
const pct = (share: number | null) => (share === null ? hidden('—') : L.percent(share));
const count = (n: Count, min: number) => (n === null ? hidden(h('fewer-than', { min: L.number(min) })) : L.number(n));
const fixed2 = (r: number) => L.number(r, 2);

function table(caption: string, head: string[], rows: string[][], numeric: boolean[] = []): string {
  const th = head.map((c, i) => `<th scope="col"${numeric[i] ? ' class="num"' : ''}>${c}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${c}</th>` : `<td${numeric[i] ? ' class="num"' : ''}>${c}</td>`)).join('')}</tr>`).join('');
  // A wide table scrolls inside its own focusable region, not the page (WCAG 1.4.10 reflow).
  return `<div class="table-wrap" role="region" tabindex="0" aria-label="${caption}"><table><caption>${caption}</caption><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table></div>`;
}

/** Column headers from interface keys. */
const cols = (...keys: string[]) => keys.map((k) => h(k));

function chart(svg: string, caption: string, data: string): string {
  return `<figure>${svg}<figcaption>${caption}</figcaption></figure><details><summary>${h('data-table', { caption })}</summary>${data}</details>`;
}

function funnel(f: ReportFigures): string {
  const title = `<h2 id="funnel">${h('funnel.title')}</h2>`;
  if (f.source.lacks.includes('pages')) return `${title}<p class="note">${h('funnel.no-pages', { note: f.source.noteKeys[0] ? esc(noteText(L, f.source.noteKeys[0])) : '' })}</p>`;
  const bars: Bar[] = f.pages.map((p) => ({ label: p.title, value: p.reached, note: p.reached === null ? x('fewer-than', { min: L.number(f.minGroup) }) : p.leftHere ? x('funnel.bar-stop', { reached: L.number(p.reached), stop: L.number(p.leftHere) }) : L.number(p.reached) }));
  const rows = f.pages.map((p) => [t(p.title), t(f.modules.find((m) => m.id === p.moduleId)?.title ?? p.moduleId), count(p.reached, f.minGroup), count(p.leftHere, f.minGroup)]);
  const mods = f.modules.map((m) => [t(m.title), count(m.reached, f.minGroup), count(m.leftHere, f.minGroup)]);
  const caption = h('funnel.pages-caption');
  return (
    `${title}<p>${h('funnel.intro')}${f.completed !== null ? ` ${h('funnel.completed', { n: count(f.completed, f.minGroup) })}` : ''}</p>` +
    chart(barChart(x('funnel.pages-caption'), x('funnel.pages-desc', { n: L.number(f.pages.length) }), bars), caption, table(caption, cols('col.page', 'col.module', 'col.reached', 'col.stopped'), rows, [false, false, true, true])) +
    table(h('funnel.modules-caption'), cols('col.module', 'col.reached', 'col.stopped'), mods, [false, true, true])
  );
}

function timing(f: ReportFigures): string {
  if (f.source.lacks.includes('time')) return '';
  const s = x('unit.seconds');
  const boxes = f.pages.map((p) => (p.time ? { label: p.title, q1: p.time.q1, median: p.time.median, q3: p.time.q3 } : { label: p.title, missing: x(p.reached ? 'time.hidden-few' : 'time.no-views') }));
  const rows = f.pages.map((p) => (p.time ? [t(p.title), L.number(p.time.views), L.number(p.time.q1), L.number(p.time.median), L.number(p.time.q3), `${L.number(p.time.skimmed)} (${L.percent(p.time.skimmed / p.time.views)})`] : [t(p.title), hidden(h('hidden')), '', '', '', '']));
  const caption = h('time.caption');
  return (
    `<h2 id="time">${h('time.title')}</h2><p>${h('time.intro', { seconds: L.number(SKIM_SECONDS) })}</p>` +
    chart(
      boxChart(x('time.caption'), x('time.desc', { n: L.number(f.pages.length) }), boxes, s, SKIM_SECONDS, L.number),
      caption,
      table(caption, [...cols('col.page', 'col.views', 'col.q1', 'col.median', 'col.q3'), h('col.under', { seconds: L.number(SKIM_SECONDS) })], rows, [false, true, true, true, true, true]),
    )
  );
}

function question(q: QuestionFigures, f: ReportFigures): string {
  const head = `<h3 id="q-${esc(q.id)}">${t(q.title)} <small>(${esc(q.id)}, ${esc(q.type)})</small></h3>`;
  if (q.hidden) return `${head}<p class="hidden">${q.learners === 0 ? h('question.nobody') : h('question.hidden', { min: L.number(f.minGroup) })}</p>`;
  const right = q.facility !== null ? ` ${h('question.right', { share: `<strong>${pct(q.facility)}</strong>` })}` : '';
  const disc = q.discrimination !== null ? ` ${h('question.discrimination', { r: `<strong>${fixed2(q.discrimination)}</strong>` })}` : q.facility !== null ? ` ${h('question.no-discrimination')}` : '';
  const facts = `<p>${hp('question.learners', q.learners ?? 0)}${right}${disc}</p>`;
  let body = '';
  if (q.options) {
    const whatKey = q.type === 'likert' ? 'question.likert-what' : 'question.options-what';
    // A true/false question's options are the interface's words, not course texts.
    const plain = (o: { id: string; text: string }) => (q.type === 'true-false' ? x(`option.${o.id}`) : o.text);
    const bars = q.options.map((o) => ({ label: `${plain(o)}${o.correct ? ' ✓' : ''}`, value: o.count, note: L.number(o.count), accent: o.correct }));
    const rows = q.options.map((o) => [q.type === 'true-false' ? esc(plain(o)) : t(o.text), q.type === 'likert' ? '' : h(o.correct ? 'kind.correct' : 'kind.distractor'), L.number(o.count)]);
    const desc = `${x('question.options-desc', { n: L.number(q.options.length) })}${q.type === 'likert' ? '' : ` ${x('question.options-check')}`}`;
    body += chart(barChart(x('chart.of', { title: q.title, what: x(whatKey) }), desc, bars), h(whatKey), table(h(whatKey), cols('col.option', 'col.kind', 'col.learners'), rows, [false, false, true]));
  }
  for (const [key, label] of [['accepted', 'question.accepted'], ['rejected', 'question.rejected']] as const) {
    const list = q[key];
    if (list?.length) body += table(h(label), cols('col.answer', 'col.learners'), list.map((a) => [a.answer ? esc(a.answer) : h('question.empty'), L.number(a.count)]), [false, true]);
  }
  return head + facts + body;
}

function assessment(a: AssessmentFigures, f: ReportFigures): string {
  const summary = `${h('assessment.pass-mark', { mark: L.percent(a.passingScore / 100) })} ${hp('assessment.allowed', a.attemptsAllowed)} ${h('assessment.summary', { learners: count(a.learners, f.minGroup), attempts: L.number(a.attempts), passed: count(a.passedLearners, f.minGroup) })}`;
  const head = `<h3>${t(a.title)}</h3><p>${summary}</p>`;
  if (!a.scoreBands || !a.passByAttempt || !a.attemptsUsed) return `${head}<p class="hidden">${h('assessment.hidden', { min: L.number(f.minGroup) })}</p>`;
  const band = (b: { from: number; to: number }) => `${L.number(b.from)}–${L.percent((b.to === 100 ? 100 : b.to - 1) / 100)}`;
  const bands = a.scoreBands.map((b) => ({ label: band(b), value: b.count, note: L.number(b.count), accent: b.from >= a.passingScore }));
  const byAttempt = a.passByAttempt.map((p) => ({ label: x('assessment.attempt-n', { n: L.number(p.attempt) }), value: Math.round(p.rate * 100), note: x('assessment.rate-note', { rate: L.percent(p.rate), passed: L.number(p.passed), attempts: L.number(p.attempts) }) }));
  return (
    head +
    chart(barChart(x('chart.of', { title: a.title, what: x('assessment.scores-title') }), x('assessment.scores-desc'), bands), h('assessment.bands-what'), table(h('assessment.bands-caption'), cols('col.score', 'col.attempts'), a.scoreBands.map((b) => [esc(band(b)), L.number(b.count)]), [false, true])) +
    chart(barChart(x('chart.of', { title: a.title, what: x('assessment.rate-title') }), x('assessment.rate-desc'), byAttempt, 100), h('assessment.rate-what'), table(h('assessment.rate-caption'), cols('col.attempt', 'col.submitted', 'col.passed', 'col.rate'), a.passByAttempt.map((p) => [L.number(p.attempt), L.number(p.attempts), L.number(p.passed), pct(p.rate)]), [false, true, true, true])) +
    table(h('assessment.used-caption'), cols('col.attempts-used', 'col.learners'), a.attemptsUsed.map((u) => [L.number(u.attempts), L.number(u.learners)]), [false, true])
  );
}

const verdict = (v: 'good' | 'poor' | 'neutral') => x(`verdict.${v}`);

function scenario(s: ScenarioFigures, f: ReportFigures): string {
  const head = `<h3 id="s-${esc(s.id)}">${t(s.title)} <small>(${esc(s.id)})</small></h3><p>${h('scenario.summary', { started: count(s.started, f.minGroup), ended: count(s.ended, f.minGroup) })}</p>`;
  if (!s.endings || !s.nodes) return `${head}<p class="hidden">${h('scenario.hidden', { min: L.number(f.minGroup) })}</p>`;
  const ending = (id: string) => s.endings!.find((e) => e.id === id);
  const label = (id: string) => (ending(id) ? `${esc(id)} (${esc(verdict(ending(id)!.verdict))})` : esc(id));
  const bars = s.endings.map((e) => ({ label: `${e.id} (${verdict(e.verdict)})`, value: e.learners, note: L.number(e.learners), accent: e.verdict === 'good' }));
  const endings = chart(
    barChart(x('chart.of', { title: s.title, what: x('scenario.endings-title') }), x('scenario.endings-desc', { n: L.number(s.endings.length) }), bars),
    h('scenario.endings-what'),
    table(h('scenario.endings-caption'), cols('col.ending', 'col.verdict', 'col.what-happens', 'col.learners', 'col.first-ending'), s.endings.map((e) => [esc(e.id), esc(verdict(e.verdict)), t(e.text), L.number(e.learners), L.number(e.first)]), [false, false, false, true, true]),
  );
  const nodes = s.nodes
    .map((n) => {
      const top = Math.max(...n.choices.map((c) => c.learners));
      return table(h('scenario.node-caption', { node: esc(n.id) }), cols('col.choice', 'col.learner-says', 'col.learners'), n.choices.map((c) => [`${esc(c.id)}${c.learners > 0 && c.learners === top ? ` ${h('scenario.most-taken')}` : ''}`, t(c.text), L.number(c.learners)]), [false, false, true]);
    })
    .join('');
  const path = s.commonPath
    ? `<p>${h('scenario.path', { n: L.number(s.commonPath.learners), path: [...s.commonPath.steps.map((p) => `${esc(p.node)} → ${esc(p.choice)}`), label(s.commonPath.ending)].join(', ') })}</p>`
    : `<p class="hidden">${h('scenario.no-path', { min: L.number(f.minGroup) })}</p>`;
  return head + endings + path + nodes;
}

function mediaSection(list: MediaFigures[], f: ReportFigures): string {
  if (!list.length) return '';
  const intro = f.source.lacks.includes('pages') ? `<p class="note">${h('media.no-statements')}</p>` : `<p>${h('media.intro', { watched: '<code>completion: watched</code>' })}</p>`;
  const rows = list.map((m) => [t(m.title), h(`media.kind.${m.kind}`), h(m.watched ? 'yes' : 'no'), count(m.reached, f.minGroup), count(m.started, f.minGroup), count(m.completed, f.minGroup)]);
  return `<h2 id="media">${h('media.title')}</h2>${intro}${table(h('media.title'), cols('col.media', 'col.kind', 'col.must-watch', 'col.reached-page', 'col.started', 'col.completed'), rows, [false, false, false, true, true, true])}`;
}

/** A flag in the interface language, from its kind and values (`message` in the JSON stays English). */
function flagText(flag: Flag): string {
  const v = flag.values;
  return h(`flag.${flag.kind}`, {
    title: t(v.title),
    ...(v.option !== undefined ? { option: t(v.option) } : {}),
    ...(v.share !== undefined ? { share: L.percent(v.share) } : {}),
    ...(v.r !== undefined ? { r: fixed2(v.r) } : {}),
    ...(v.seconds !== undefined ? { seconds: L.number(v.seconds) } : {}),
  });
}

/** The report as HTML, its interface in `uiLang` (a language of templates/i18n/report; English when it has no table). */
export function renderHtml(f: ReportFigures, uiLang = 'en'): string {
  resetIds();
  L = reportText(reportTable(uiLang) ? uiLang : 'en');
  courseLang = f.course.lang;
  const lang = esc(L.lang);
  const period = f.source.from ? ` ${h('meta.period', { from: esc(L.date(f.source.from)), to: esc(L.date(f.source.to!)) })}` : '';
  const link = (target: string) => (target.startsWith('question:') ? `q-${esc(target.slice(9))}` : target.startsWith('media:') ? 'media' : 'funnel');
  const flags = f.flags.length ? `<ul class="flags">${f.flags.map((fl) => `<li>${h('flag.line', { kind: `<span class="flag">${h(`flag-kind.${fl.kind}`)}</span>`, message: flagText(fl), details: `<a href="#${link(fl.target)}">${h('flag.details')}</a>` })}</li>`).join('')}</ul>` : `<p>${h('flags.none')}</p>`;
  const scored = f.questions.filter((q) => !q.hidden && q.facility !== null);
  const overview = scored.length
    ? chart(
        barChart(x('questions.chart-title'), x('questions.chart-desc', { n: L.number(scored.length) }), scored.map((q) => ({ label: q.title, value: Math.round((q.facility ?? 0) * 100), note: L.percent(q.facility ?? 0) })), 100),
        h('questions.chart-what'),
        table(h('questions.title'), cols('col.question', 'col.where', 'col.learners', 'col.right-first', 'col.discrimination'), f.questions.map((q) => [`<a href="#q-${esc(q.id)}">${t(q.title)}</a>`, esc(q.where), count(q.learners, f.minGroup), pct(q.facility), q.discrimination === null ? '—' : fixed2(q.discrimination)]), [false, false, true, true, true]),
      )
    : '';
  const langs = f.languages.length > 1
    ? `<h2 id="languages">${h('languages.title')}</h2>${table(h('languages.title'), cols('col.language', 'col.learners', 'col.completed', 'col.first-mean', 'col.pass-rate'), f.languages.map((l) => [esc(l.lang), count(l.learners, f.minGroup), count(l.completed, f.minGroup), num(l.firstAttemptMean), pct(l.passRate)]), [false, true, true, true, true])}`
    : '';
  const unknown = hidden(h('unknown'));
  const learners = f.learners
    ? `<h2 id="learners">${h('learners.title')}</h2><p class="note">${h('learners.note', { option: '<code>--learners</code>' })}</p>${table(h('learners.title'), cols('col.learner', 'col.language', 'col.pages', 'col.completed', 'col.attempts', 'col.best-score'), f.learners.map((l) => [esc(l.learner), esc(l.lang ?? ''), l.pages === null ? unknown : L.number(l.pages), l.completed === null ? unknown : h(l.completed ? 'yes' : 'no'), L.number(l.attempts), num(l.bestScore)]), [false, false, true, false, true, true])}`
    : '';
  const courseTitle = courseLang === L.lang ? esc(f.course.title) : `<span lang="${esc(courseLang)}">${esc(f.course.title)}</span>`;
  const nav: Array<[string, string] | false> = [
    ['flags', 'flags.title'],
    ['funnel', 'funnel.title'],
    !f.source.lacks.includes('time') && ['time', 'time.title'],
    ['questions', 'questions.title'],
    ['assessments', 'assessments.title'],
    f.scenarios.length > 0 && ['scenarios', 'scenarios.title'],
    f.media.length > 0 && ['media', 'media.title'],
    langs !== '' && ['languages', 'languages.title'],
  ];
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${h('title', { course: esc(f.course.title) })}</title>
<style>${CSS}</style>
</head>
<body>
<main>
<h1>${h('title', { course: courseTitle })}</h1>
<p class="meta">${h('meta.course', { id: esc(f.course.id), version: esc(f.course.version) })} · ${hp('meta.learners', f.source.learners)}${period} · ${h('meta.source', { kind: h(`source.${f.source.kind}`) })} · ${hp('meta.min-group', f.minGroup)}</p>
${f.source.noteKeys.map((n) => `<p class="note">${esc(noteText(L, n))}</p>`).join('\n')}
<nav aria-label="${h('nav.label')}"><ul>${nav.map((item) => (item ? `<li><a href="#${item[0]}">${h(item[1])}</a></li>` : '')).join('')}</ul></nav>
<h2 id="flags">${h('flags.title')}</h2>
${flags}
${funnel(f)}
${timing(f)}
<h2 id="questions">${h('questions.title')}</h2>
<p>${h('questions.intro')}</p>
${overview}
${f.questions.map((q) => question(q, f)).join('\n')}
<h2 id="assessments">${h('assessments.title')}</h2>
${f.assessments.map((a) => assessment(a, f)).join('\n')}
${f.scenarios.length ? `<h2 id="scenarios">${h('scenarios.title')}</h2><p>${h('scenarios.intro')}</p>${f.scenarios.map((s) => scenario(s, f)).join('\n')}` : ''}
${mediaSection(f.media, f)}
${langs}
${learners}
</main>
</body>
</html>
`;
}
