import { describe, expect, it } from 'vitest';
import { DEMO_TOPICS, DemoCompany, type DemoLine } from '../../src/main/core/demo/generator';
import { deriveFlags } from '../../src/main/core/tickets/derive';
import { ticketLineSchema, toTicketInput } from '../../src/main/core/tickets/format';

const START = '2026-07-27T00:00:00.000Z';
const company = new DemoCompany({ seed: 7, weeks: 16, perWeek: 300, start: START });
const lines = [...company.all()];
const weekOf = (line: DemoLine) => Math.floor((Date.parse(line.created_at) - Date.parse(START)) / (7 * 24 * 3600 * 1000));
const flagsOf = (line: DemoLine) => {
  const t = toTicketInput(ticketLineSchema.parse(line));
  return deriveFlags({ status: t.status, solvedAt: t.solvedAt, reopenedAt: t.reopenedAt, messages: t.messages });
};

describe('the demo workspace generator', () => {
  it('writes valid open-format lines, about the asked volume, all inside the weeks asked for', () => {
    expect(lines.length).toBeGreaterThan(16 * 300 * 0.9);
    expect(lines.length).toBeLessThan(16 * 300 * 1.1);
    for (const line of lines) expect(ticketLineSchema.safeParse(line).success).toBe(true);
    expect(new Set(lines.map((l) => l.id)).size).toBe(lines.length);
    expect(lines.every((l) => weekOf(l) >= 0 && weekOf(l) < 16)).toBe(true);
  });

  it('covers at least 40 topics across the seven areas, each asked in at least 8 distinct ways', () => {
    const topics = new Set(lines.map((l) => l.truth.topic).filter(Boolean));
    expect(topics.size).toBeGreaterThanOrEqual(40);
    expect(new Set(DEMO_TOPICS.map((t) => t.category))).toEqual(
      new Set(['billing', 'shipping', 'returns', 'account', 'howto', 'troubleshooting', 'integrations']),
    );
    for (const topic of DEMO_TOPICS) {
      const asked = new Set(lines.filter((l) => l.truth.topic === topic.id).map((l) => l.messages[0]!.body));
      expect(asked.size, topic.id).toBeGreaterThanOrEqual(8);
      expect(topic.steps.length, topic.id).toBeGreaterThanOrEqual(3);
    }
    expect(lines.some((l) => l.truth.language !== 'en')).toBe(true);
  });

  it('puts personal details in customer and agent messages, and lists each in the ground truth', () => {
    const withOrder = lines.filter((l) => l.truth.pii.some((p) => /^BK-\d{6}$/.test(p)));
    expect(withOrder.length).toBeGreaterThan(lines.length * 0.2);
    const kinds = { email: /@example\./, phone: /^\+1 \(555\)/, order: /^BK-\d{6}$/, address: /\d+ .+, .+ \d{5}$/ };
    for (const [kind, pattern] of Object.entries(kinds)) {
      const line = lines.find((l) => l.messages.some((m) => l.truth.pii.some((p) => pattern.test(p) && m.body.includes(p))));
      expect(line, kind).toBeDefined();
    }
    const agentMentions = lines.filter((l) =>
      l.messages.some((m) => m.role === 'agent' && l.truth.pii.some((p) => /^BK-/.test(p) && m.body.includes(p))),
    );
    expect(agentMentions.length).toBeGreaterThan(0);
    for (const line of lines.slice(0, 500)) expect(line.truth.pii).toContain(line.requester.name);
  });

  it('has realistic weekly shares of handovers and AI-resolved tickets, and weekdays busier than weekends', () => {
    for (let w = 0; w < 16; w++) {
      const week = lines.filter((l) => weekOf(l) === w).map(flagsOf);
      const ai = week.filter((f) => f.aiInvolved);
      const handover = ai.filter((f) => f.handover).length / ai.length;
      const resolved = ai.filter((f) => f.aiResolved).length / ai.length;
      expect(handover, `week ${w}`).toBeGreaterThan(0.5);
      expect(handover, `week ${w}`).toBeLessThan(0.95);
      expect(resolved, `week ${w}`).toBeGreaterThan(0.05);
      expect(resolved, `week ${w}`).toBeLessThan(0.4);
    }
    const byDay = [0, 0, 0, 0, 0, 0, 0];
    for (const l of lines) byDay[(new Date(l.created_at).getUTCDay() + 6) % 7]!++;
    expect(Math.min(...byDay.slice(0, 5))).toBeGreaterThan(Math.max(...byDay.slice(5)) * 1.5);
  });

  it('shows the outage spike, the feature launch and the product change in the weekly counts', () => {
    const e = company.events;
    const weekly = (topic: string) =>
      Array.from({ length: 16 }, (_, w) => lines.filter((l) => weekOf(l) === w && l.truth.topic === topic).length);
    const outage = weekly(e.outageTopic);
    const others = outage.filter((_, w) => w !== e.outageWeek);
    expect(outage[e.outageWeek]).toBeGreaterThan(3 * (others.reduce((a, b) => a + b, 0) / others.length));
    const launch = weekly(e.launchTopic);
    expect(launch.slice(0, e.launchWeek).every((n) => n === 0)).toBe(true);
    expect(launch[e.launchWeek]).toBeGreaterThan(launch[15]!);
    const changed = lines.filter((l) => l.truth.topic === e.changedTopic);
    expect(changed.filter((l) => weekOf(l) < e.productChangeWeek).every((l) => l.truth.answerVersion === 1)).toBe(true);
    const after = changed.filter((l) => weekOf(l) >= e.productChangeWeek);
    expect(after.every((l) => l.truth.answerVersion === 2 && l.truth.events.includes('product-change'))).toBe(true);
    // the AI agent still answers the old way: an outdated answer, then a human with the new one
    expect(
      after.some((l) => l.truth.bot === 'outdated' && l.messages.some((m) => m.role === 'agent' && m.body.includes('sign-in code'))),
    ).toBe(true);
  });

  it('mixes in outlier agent answers and account-specific requests, flagged in the truth', () => {
    const humanAnswered = lines.filter((l) => l.messages.some((m) => m.role === 'agent') && l.truth.topic);
    const outliers = humanAnswered.filter((l) => l.truth.outlier);
    expect(outliers.length / humanAnswered.length).toBeGreaterThan(0.02);
    expect(outliers.length / humanAnswered.length).toBeLessThan(0.12);
    const accountSpecific = lines.filter((l) => l.truth.accountSpecific);
    expect(accountSpecific.length / lines.length).toBeGreaterThan(0.03);
    expect(accountSpecific.every((l) => l.truth.topic === null)).toBe(true);
    expect(lines.some((l) => l.truth.botMode === 'note' && l.messages.some((m) => m.role === 'bot' && !m.public))).toBe(true);
    expect(lines.some((l) => l.reopened_at)).toBe(true);
    expect(lines.some((l) => l.csat)).toBe(true);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const again = [...new DemoCompany({ seed: 7, weeks: 16, perWeek: 300, start: START }).all()];
    expect(JSON.stringify(again)).toBe(JSON.stringify(lines));
    const other = [...new DemoCompany({ seed: 8, weeks: 16, perWeek: 300, start: START }).all()];
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(lines));
  });

  it('closes the loop: a topic the AI agent learns is answered from then on', () => {
    const topic = 'returns.start-return';
    const before = company.week(3, company.initialKnowledge()).filter((l) => l.truth.topic === topic);
    expect(before.every((l) => l.truth.bot !== 'answered')).toBe(true);
    const learned = company.initialKnowledge().set(topic, 1);
    const after = company.week(3, learned).filter((l) => l.truth.topic === topic && l.truth.botMode !== null);
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((l) => l.truth.bot === 'answered')).toBe(true);
    const resolvedBefore = company
      .week(3, company.initialKnowledge())
      .map(flagsOf)
      .filter((f) => f.aiResolved).length;
    const resolvedAfter = company
      .week(3, learned)
      .map(flagsOf)
      .filter((f) => f.aiResolved).length;
    expect(resolvedAfter).toBeGreaterThan(resolvedBefore);
  });
});
