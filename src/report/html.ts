/**
 * The report as one self-contained HTML file: inline CSS and SVG, no script, no external resource
 * (a Content-Security-Policy forbids any), readable without colour, with every chart's numbers in
 * a data table behind a disclosure (WCAG 2.1 AA).
 */
import type { AssessmentFigures, Count, MediaFigures, QuestionFigures, ReportFigures, ScenarioFigures } from './figures.js';
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

/** Course texts are in the report's course language, the interface in English (WCAG 3.1.2 language of parts). */
let courseLang = 'en';
const t = (text: string) => (courseLang === 'en' ? esc(text) : `<span lang="${esc(courseLang)}">${esc(text)}</span>`);

const num = (n: number | null | undefined, suffix = '') => (n === null || n === undefined ? '<span class="hidden">hidden</span>' : `${n}${suffix}`);
const pct = (x: number | null) => (x === null ? '<span class="hidden">—</span>' : `${Math.round(x * 100)} %`);
const count = (n: Count, min: number) => (n === null ? `<span class="hidden">fewer than ${min}</span>` : String(n));

function table(caption: string, head: string[], rows: string[][], numeric: boolean[] = []): string {
  const th = head.map((h, i) => `<th scope="col"${numeric[i] ? ' class="num"' : ''}>${h}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${c}</th>` : `<td${numeric[i] ? ' class="num"' : ''}>${c}</td>`)).join('')}</tr>`).join('');
  // A wide table scrolls inside its own focusable region, not the page (WCAG 1.4.10 reflow).
  return `<div class="table-wrap" role="region" tabindex="0" aria-label="${caption}"><table><caption>${caption}</caption><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table></div>`;
}

function chart(svg: string, caption: string, data: string): string {
  return `<figure>${svg}<figcaption>${caption}</figcaption></figure><details><summary>Data table: ${caption}</summary>${data}</details>`;
}

function funnel(f: ReportFigures): string {
  if (f.source.lacks.includes('pages')) return `<h2 id="funnel">Where learners go</h2><p class="note">This source has no page views: ${esc(f.source.notes[0] ?? '')}</p>`;
  const bars: Bar[] = f.pages.map((p) => ({ label: p.title, value: p.reached, note: p.reached === null ? `fewer than ${f.minGroup}` : `${p.reached}${p.leftHere ? ` (${p.leftHere} stop)` : ''}` }));
  const rows = f.pages.map((p) => [t(p.title), t(f.modules.find((m) => m.id === p.moduleId)?.title ?? p.moduleId), count(p.reached, f.minGroup), count(p.leftHere, f.minGroup)]);
  const mods = f.modules.map((m) => [t(m.title), count(m.reached, f.minGroup), count(m.leftHere, f.minGroup)]);
  return (
    `<h2 id="funnel">Where learners go</h2><p>Learners who reached each page, in course order; “stop” counts those for whom it was the furthest page, who neither completed the course nor took an assessment${f.completed !== null ? ` (${count(f.completed, f.minGroup)} completed)` : ''}.</p>` +
    chart(barChart('Learners reaching each page', `Bar chart of ${f.pages.length} pages; the longest bar is the page most learners reached.`, bars), 'learners reaching each page', table('Learners reaching each page', ['Page', 'Module', 'Reached', 'Stopped here'], rows, [false, false, true, true])) +
    table('Learners reaching each module', ['Module', 'Reached', 'Stopped here'], mods, [false, true, true])
  );
}

function timing(f: ReportFigures): string {
  if (f.source.lacks.includes('time')) return '';
  const boxes = f.pages.map((p) => (p.time ? { label: p.title, q1: p.time.q1, median: p.time.median, q3: p.time.q3 } : { label: p.title, missing: p.reached ? 'hidden (too few learners)' : 'no views' }));
  const rows = f.pages.map((p) => (p.time ? [t(p.title), String(p.time.views), String(p.time.q1), String(p.time.median), String(p.time.q3), `${p.time.skimmed} (${Math.round((100 * p.time.skimmed) / p.time.views)} %)`] : [t(p.title), '<span class="hidden">hidden</span>', '', '', '', '']));
  return (
    `<h2 id="time">Time on each page</h2><p>Seconds from opening a page to the learner's next step. The box spans the middle half of the views (first to third quartile), the dark mark is the median; the dashed line is ${SKIM_SECONDS} seconds: views shorter than that count as skimmed.</p>` +
    chart(
      boxChart('Seconds per page view', `Quartiles of the time spent on each of ${f.pages.length} pages.`, boxes, 's', SKIM_SECONDS),
      'seconds per page view',
      table('Seconds per page view', ['Page', 'Views', 'First quartile', 'Median', 'Third quartile', `Under ${SKIM_SECONDS} s`], rows, [false, true, true, true, true, true]),
    )
  );
}

function question(q: QuestionFigures, f: ReportFigures): string {
  const head = `<h3 id="q-${esc(q.id)}">${t(q.title)} <small>(${esc(q.id)}, ${esc(q.type)})</small></h3>`;
  if (q.hidden) return `${head}<p class="hidden">${q.learners === 0 ? 'Nobody answered it.' : `Fewer than ${f.minGroup} learners answered it: hidden.`}</p>`;
  const facts = `<p>${q.learners} learners answered. ${q.facility !== null ? `Right the first time: <strong>${pct(q.facility)}</strong>. ` : ''}${q.discrimination !== null ? `Discrimination: <strong>${q.discrimination.toFixed(2)}</strong>.` : q.facility !== null ? 'Discrimination: not computable (no spread in answers or scores).' : ''}</p>`;
  let body = '';
  if (q.options) {
    const what = q.type === 'likert' ? 'answers on each point of the scale' : 'first answers choosing each option';
    const bars = q.options.map((o) => ({ label: `${o.text}${o.correct ? ' ✓' : ''}`, value: o.count, accent: o.correct }));
    const rows = q.options.map((o) => [t(o.text), q.type === 'likert' ? '' : o.correct ? 'correct' : 'distractor', String(o.count)]);
    body += chart(barChart(`${q.title}: ${what}`, `Bar chart of ${q.options.length} options.${q.type === 'likert' ? '' : ' Correct options are marked with a check mark.'}`, bars), what, table(what, ['Option', 'Kind', 'Learners'], rows, [false, false, true]));
  }
  for (const [key, label] of [['accepted', 'Most common accepted answers'], ['rejected', 'Most common wrong answers']] as const) {
    const list = q[key];
    if (list?.length) body += table(label, ['Answer', 'Learners'], list.map((a) => [esc(a.answer || '(empty)'), String(a.count)]), [false, true]);
  }
  return head + facts + body;
}

function assessment(a: AssessmentFigures, f: ReportFigures): string {
  const head = `<h3>${t(a.title)}</h3><p>Pass mark ${a.passingScore} %, ${a.attemptsAllowed} attempt${a.attemptsAllowed === 1 ? '' : 's'} allowed. ${count(a.learners, f.minGroup)} learners, ${a.attempts} attempts submitted, ${count(a.passedLearners, f.minGroup)} passed.</p>`;
  if (!a.scoreBands || !a.passByAttempt || !a.attemptsUsed) return `${head}<p class="hidden">Figures hidden: fewer than ${f.minGroup} learners, or no attempt.</p>`;
  const bands = a.scoreBands.map((b) => ({ label: `${b.from}–${b.to === 100 ? 100 : b.to - 1} %`, value: b.count, accent: b.from >= a.passingScore }));
  const byAttempt = a.passByAttempt.map((p) => ({ label: `Attempt ${p.attempt}`, value: Math.round(p.rate * 100), note: `${Math.round(p.rate * 100)} % (${p.passed} of ${p.attempts})` }));
  return (
    head +
    chart(barChart(`${a.title}: scores of submitted attempts`, 'Bar chart of attempts per band of 10 points; bands at or above the pass mark in green.', bands), 'attempts per score band', table('Attempts per score band', ['Score', 'Attempts'], a.scoreBands.map((b) => [`${b.from}–${b.to === 100 ? 100 : b.to - 1} %`, String(b.count)]), [false, true])) +
    chart(barChart(`${a.title}: pass rate by attempt`, 'Bar chart of the share of first, second… attempts that passed.', byAttempt, 100), 'pass rate by attempt', table('Pass rate by attempt', ['Attempt', 'Submitted', 'Passed', 'Rate'], a.passByAttempt.map((p) => [String(p.attempt), String(p.attempts), String(p.passed), pct(p.rate)]), [false, true, true, true])) +
    table('Attempts used', ['Attempts used', 'Learners'], a.attemptsUsed.map((u) => [String(u.attempts), String(u.learners)]), [false, true])
  );
}

const VERDICTS = { good: 'good', poor: 'poor', neutral: 'neutral' } as const;

function scenario(s: ScenarioFigures, f: ReportFigures): string {
  const head = `<h3 id="s-${esc(s.id)}">${t(s.title)} <small>(${esc(s.id)})</small></h3><p>${count(s.started, f.minGroup)} learners started it, ${count(s.ended, f.minGroup)} reached an ending.</p>`;
  if (!s.endings || !s.nodes) return `${head}<p class="hidden">Figures hidden: fewer than ${f.minGroup} learners, or nobody played it.</p>`;
  const label = (id: string) => (s.endings!.find((e) => e.id === id) ? `${esc(id)} (${VERDICTS[s.endings!.find((e) => e.id === id)!.verdict]})` : esc(id));
  const bars = s.endings.map((e) => ({ label: `${e.id} (${VERDICTS[e.verdict]})`, value: e.learners, accent: e.verdict === 'good' }));
  const endings = chart(
    barChart(`${s.title}: learners reaching each ending`, `Bar chart of ${s.endings.length} endings; good endings in green.`, bars),
    'learners reaching each ending',
    table('Learners reaching each ending', ['Ending', 'Verdict', 'What happens', 'Learners', 'First ending of'], s.endings.map((e) => [esc(e.id), VERDICTS[e.verdict], t(e.text), String(e.learners), String(e.first)]), [false, false, false, true, true]),
  );
  const nodes = s.nodes
    .map((n) => {
      const top = Math.max(...n.choices.map((c) => c.learners));
      return table(`At ${n.id}: choices taken`, ['Choice', 'What the learner says', 'Learners'], n.choices.map((c) => [`${esc(c.id)}${c.learners > 0 && c.learners === top ? ' (most taken)' : ''}`, t(c.text), String(c.learners)]), [false, false, true]);
    })
    .join('');
  const path = s.commonPath
    ? `<p>The path most learners took to their first ending (${s.commonPath.learners} learners): ${[...s.commonPath.steps.map((x) => `${esc(x.node)} → ${esc(x.choice)}`), label(s.commonPath.ending)].join(', ')}.</p>`
    : `<p class="hidden">No path was taken by ${f.minGroup} learners or more.</p>`;
  return head + endings + path + nodes;
}

function mediaSection(list: MediaFigures[], f: ReportFigures): string {
  if (!list.length) return '';
  const intro = f.source.lacks.includes('pages')
    ? `<p class="note">This source has no media statements (a SCORM package records none): only xAPI and cmi5 packages tell who played a video or audio.</p>`
    : '<p>From the xAPI Video Profile statements: started is a first play, completed a play to the end. A page whose media has <code>completion: watched</code> counts as viewed for the course only once it is completed, whatever “reached” says.</p>';
  const rows = list.map((m) => [t(m.title), m.kind, m.watched ? 'yes' : 'no', count(m.reached, f.minGroup), count(m.started, f.minGroup), count(m.completed, f.minGroup)]);
  return `<h2 id="media">Video and audio</h2>${intro}${table('Video and audio', ['Media', 'Kind', 'Must be watched', 'Reached its page', 'Started', 'Completed'], rows, [false, false, false, true, true, true])}`;
}

export function renderHtml(f: ReportFigures): string {
  resetIds();
  courseLang = f.course.lang;
  const lang = esc(f.course.lang);
  const period = f.source.from ? ` from ${f.source.from.slice(0, 10)} to ${f.source.to!.slice(0, 10)}` : '';
  const flags = f.flags.length ? `<ul class="flags">${f.flags.map((x) => `<li><span class="flag">${esc(x.kind.replace(/-/g, ' '))}</span>: ${esc(x.message)} <a href="#${x.target.startsWith('question:') ? `q-${esc(x.target.slice(9))}` : x.target.startsWith('media:') ? 'media' : 'funnel'}">(details)</a></li>`).join('')}</ul>` : '<p>Nothing stands out.</p>';
  const scored = f.questions.filter((q) => !q.hidden && q.facility !== null);
  const overview = scored.length
    ? chart(
        barChart('Questions: share right the first time', `Bar chart of ${scored.length} questions.`, scored.map((q) => ({ label: q.title, value: Math.round((q.facility ?? 0) * 100), note: `${Math.round((q.facility ?? 0) * 100)} %` })), 100),
        'share right the first time, per question',
        table('Questions', ['Question', 'Where', 'Learners', 'Right first time', 'Discrimination'], f.questions.map((q) => [`<a href="#q-${esc(q.id)}">${t(q.title)}</a>`, esc(q.where), count(q.learners, f.minGroup), pct(q.facility), q.discrimination === null ? '—' : q.discrimination.toFixed(2)]), [false, false, true, true, true]),
      )
    : '';
  const langs = f.languages.length > 1
    ? `<h2 id="languages">By language</h2>${table('By language', ['Language', 'Learners', 'Completed', 'First-attempt mean score', 'Pass rate'], f.languages.map((l) => [esc(l.lang), count(l.learners, f.minGroup), count(l.completed, f.minGroup), num(l.firstAttemptMean), pct(l.passRate)]), [false, true, true, true, true])}`
    : '';
  const learners = f.learners
    ? `<h2 id="learners">Learners</h2><p class="note">Listed because the report was made with <code>--learners</code>: this file holds personal data. Share it only with people entitled to see it.</p>${table('Learners', ['Learner', 'Language', 'Pages', 'Completed', 'Attempts', 'Best score'], f.learners.map((l) => [esc(l.learner), esc(l.lang ?? ''), l.pages === null ? '<span class="hidden">unknown</span>' : String(l.pages), l.completed === null ? '<span class="hidden">unknown</span>' : l.completed ? 'yes' : 'no', String(l.attempts), num(l.bestScore)]), [false, false, true, false, true, true])}`
    : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${esc(f.course.title)}: learning report</title>
<style>${CSS}</style>
</head>
<body>
<main>
<h1><span lang="${lang}">${esc(f.course.title)}</span>: learning report</h1>
<p class="meta">Course ${esc(f.course.id)} ${esc(f.course.version)} · ${f.source.learners} learners${period} · source: ${esc(f.source.kind)} · figures about fewer than ${f.minGroup} learners are hidden</p>
${f.source.notes.map((n) => `<p class="note">${esc(n)}</p>`).join('\n')}
<nav aria-label="Sections"><ul><li><a href="#flags">What to look at</a></li><li><a href="#funnel">Where learners go</a></li>${f.source.lacks.includes('time') ? '' : '<li><a href="#time">Time on each page</a></li>'}<li><a href="#questions">Questions</a></li><li><a href="#assessments">Assessments</a></li>${f.scenarios.length ? '<li><a href="#scenarios">Scenarios</a></li>' : ''}${f.media.length ? '<li><a href="#media">Video and audio</a></li>' : ''}${langs ? '<li><a href="#languages">By language</a></li>' : ''}</ul></nav>
<h2 id="flags">What to look at</h2>
${flags}
${funnel(f)}
${timing(f)}
<h2 id="questions">Questions</h2>
<p>“Right the first time” is the share of learners whose first answer was right. Discrimination is the point-biserial correlation between that first answer and the score of the assessment attempt: near 0 the question does not separate stronger from weaker learners, below 0 the stronger ones get it wrong more often.</p>
${overview}
${f.questions.map((q) => question(q, f)).join('\n')}
<h2 id="assessments">Assessments</h2>
${f.assessments.map((a) => assessment(a, f)).join('\n')}
${f.scenarios.length ? `<h2 id="scenarios">Scenarios</h2><p>Endings reached and choices taken, each learner counted once per ending and per choice (a learner who restarts counts again for a different ending or choice).</p>${f.scenarios.map((x) => scenario(x, f)).join('\n')}` : ''}
${mediaSection(f.media, f)}
${langs}
${learners}
</main>
</body>
</html>
`;
}
