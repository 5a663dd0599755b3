import { diffLines } from 'diff';
import type { DraftDetail } from '../../shared/domain/draft';
import { formatHours, impactLeadIn, type Dashboard, type DraftImpact } from '../../shared/domain/metrics';
import { EGRESS_ROLE_LABEL, formatBytes, type EgressSummary } from '../../shared/domain/privacy';
import type { SimulationWeek } from '../core/demo/simulate';
import { questionLine } from '../core/text/clean';

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(head), ...rows.map(line)].join('\n');
}

/** The dashboard as text, for `tideline metrics`. */
export function formatDashboard(d: Dashboard): string {
  if (!d.weeks.length) return 'No tickets yet: import or sync some, then learning gives the dashboard its figures.';
  const weeks = table(
    ['week', 'tickets', 'AI-involved', 'AI-resolved', 'rate', 'unanswered', 'approved', 'latency'],
    d.weeks.map((w) => [
      `${w.week}${w.week === d.learningWeek ? ' *' : ''}`,
      String(w.tickets),
      String(w.aiInvolved),
      String(w.aiResolved),
      pct(w.resolutionRate),
      String(w.unanswered),
      String(w.approved),
      formatHours(w.latencyHours),
    ]),
  );
  const lines = [
    weeks,
    '',
    d.learningWeek
      ? `* learning switched on (${d.learningSince?.slice(0, 10)}); weeks in ${d.timeZone}`
      : `Learning has not run yet; weeks in ${d.timeZone}`,
    `Lift: ${d.liftPp === null ? '—' : `${d.liftPp >= 0 ? '+' : ''}${d.liftPp.toFixed(1)} pp`}   Unanswered drop: ${d.unansweredDrop ? `${pct(d.unansweredDrop.drop)} by week ${d.unansweredDrop.week}` : '—'}   Median draft-to-approve: ${formatHours(d.latencyHours)}`,
    `Tier: ${d.tier.tier ?? '—'}. ${d.tier.reason}`,
  ];
  if (d.gaps.length)
    lines.push(
      '',
      'Coverage gaps (handed over twice or more, no approved article):',
      ...d.gaps.slice(0, 10).map((g) => `  ${String(g.handovers).padStart(5)}  ${g.label}  ${gapState(g)}`),
    );
  if (d.spikes.length)
    lines.push('', 'Spikes:', ...d.spikes.map((s) => `  ${s.week}  ${s.label}: ${s.count} tickets (usually ${s.baseline.toFixed(0)})`));
  return lines.join('\n');
}

/** The simulation's weeks as text, for `tideline simulate`. */
export function formatSimulation(rows: SimulationWeek[]): string {
  return table(
    ['week', 'phase', 'tickets', 'rate', 'expected', 'unanswered', 'expected', 'approved', 'articles', 'backtest'],
    rows.map((r) => [
      r.week,
      r.phase,
      String(r.tickets),
      pct(r.resolutionRate),
      pct(r.expectedRate),
      String(r.unanswered),
      String(r.expectedUnanswered),
      String(r.approved),
      String(r.articles),
      pct(r.backtest),
    ]),
  );
}

const bytes = formatBytes;

/** The egress log as a table: totals per endpoint, then the latest requests. */
export function formatEgress(log: EgressSummary): string {
  if (!log.totals.requests) return 'Nothing has left this computer from this workspace yet.';
  const lines = [
    `${log.totals.requests.toLocaleString('en-US')} requests, ${bytes(log.totals.bytesOut)} sent, ${log.totals.blocked} refused by local-only mode.`,
    '',
    'Endpoints:',
  ];
  for (const o of log.totals.origins)
    lines.push(
      `  ${o.origin.padEnd(40)} ${EGRESS_ROLE_LABEL[o.role].padEnd(24)} ${String(o.requests).padStart(7)} requests ${bytes(o.bytesOut).padStart(9)}  last ${o.last.slice(0, 16).replace('T', ' ')}`,
    );
  lines.push('', 'Latest:');
  for (const e of log.entries) {
    const redacted = e.redactions
      ? ` redacted ${Object.entries(e.redactions)
          .map(([k, n]) => `${n} ${k}`)
          .join(', ')}`
      : '';
    const draft = e.draftId ? ` draft #${e.draftId}` : '';
    lines.push(
      `  ${e.at.slice(0, 19).replace('T', ' ')} ${e.outcome.padEnd(7)} ${e.method.padEnd(5)} ${e.origin}${e.path}  ${bytes(e.bytesOut)}  ${e.purpose}${draft}${redacted}`,
    );
  }
  return lines.join('\n');
}

const EVIDENCE_ROLE: Record<DraftDetail['evidence'][number]['role'], string> = {
  supporting: '',
  outlier: '  (set aside)',
  conflicting: '  (answers differently)',
};

/** Where a coverage gap stands, and the command that moves it on. */
function gapState(g: Dashboard['gaps'][number]): string {
  if (g.draftId !== null) return `(card #${g.draftId}: tideline drafts show ${g.draftId})`;
  if (g.draftStatus === 'rejected') return '(rejected)';
  return g.answersDiffer
    ? `(no agreed answer: tideline drafts start ${g.topicId}, then write it)`
    : `(collecting evidence; draft it now: tideline drafts start ${g.topicId})`;
}

/** One card as a lead reads it before approving: where it stands, what it would change, the article, the tickets behind it. */
export function formatDraft(d: DraftDetail, impact: DraftImpact | null): string {
  const lines = [
    `#${d.id}  ${d.title}`,
    `${d.kind} · ${d.status.replace('_', ' ')} · ${d.evidenceTicketIds.length} tickets · ${d.drafter}${d.labels.length ? ` · ${d.labels.join(', ')}` : ''}`,
  ];
  if (impact?.similar)
    lines.push(
      `${impactLeadIn(d)} ${impact.wouldAnswer} of ${impact.similar} similar questions${impact.answeredToday ? ` (the knowledge base answers ${impact.answeredToday} today)` : ''}; changes ${impact.changesRight} ${impact.changesRight === 1 ? 'answer that was' : 'answers that were'} right.`,
    );
  if (d.redactions.length) lines.push(`Removed before drafting: ${d.redactions.map((r) => `${r.count} × ${r.kind}`).join(', ')}.`);
  lines.push('');
  if (d.base) {
    lines.push(`Changes to article ${d.base.articleId} (version ${d.base.version}, "${d.base.title}"):`, '');
    for (const part of diffLines(d.base.bodyMd, d.bodyMd)) {
      const mark = part.added ? '+ ' : part.removed ? '- ' : '  ';
      lines.push(
        ...part.value
          .replace(/\n$/, '')
          .split('\n')
          .map((l) => (mark + l).trimEnd()),
      );
    }
  } else lines.push(d.bodyMd.trim());
  if (d.emptySection !== null)
    lines.push('', `The “${d.emptySection}” section is empty: write it (tideline drafts edit ${d.id} --file article.md), then approve.`);
  lines.push('', `Evidence (${d.evidence.length} tickets):`);
  for (const e of d.evidence)
    lines.push(
      `  ${e.externalId.padEnd(12)} ${e.createdAt.slice(0, 10)}  ${oneLine(questionLine(e.question), 90)}${EVIDENCE_ROLE[e.role]}`,
    );
  return lines.join('\n');
}

const oneLine = (text: string, max: number) => {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};
