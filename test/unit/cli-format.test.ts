import { describe, expect, it } from 'vitest';
import type { DraftDetail } from '../../src/shared/domain/draft';
import { formatDraft } from '../../src/main/host/cli-format';

const update: DraftDetail = {
  id: 7,
  kind: 'update',
  status: 'in_review',
  title: 'Start a return',
  topicId: 3,
  topicSize: 5,
  drafter: 'extractive',
  createdAt: '2026-03-20T10:00:00Z',
  updatedAt: '2026-03-20T10:00:00Z',
  evidenceTicketIds: [11, 12],
  labels: ['returns'],
  articleId: 2,
  rejectReason: null,
  mergedInto: null,
  publishedUrl: null,
  emptySection: null,
  team: null,
  answerToWrite: false,
  bodyMd: '# Start a return\n\n1. Open Orders.\n2. Click Start a return.\n3. Keep the post office receipt.\n',
  redactions: [{ kind: 'order id', count: 2 }],
  evidence: [
    {
      ticketId: 11,
      externalId: 'T-11',
      role: 'supporting',
      createdAt: '2026-03-18T09:00:00Z',
      question: 'Hi there,\n\nhow do I send my kettle back?\n\nThanks,\nGrace Hopper',
      botAttempt: null,
      humanReply: 'Open Orders…',
      deltaKind: 'missing',
    },
    {
      ticketId: 12,
      externalId: 'T-12',
      role: 'outlier',
      createdAt: '2026-03-19T09:00:00Z',
      question: 'Return label?',
      botAttempt: null,
      humanReply: 'Open Orders…',
      deltaKind: 'missing',
    },
  ],
  base: { articleId: 2, version: 3, title: 'Start a return', bodyMd: '# Start a return\n\n1. Open Orders.\n2. Click Start a return.\n' },
  history: [],
};

describe('a card as the command line prints it', () => {
  it('shows an update as the lines it adds to the article, and each ticket by its question without hello or signature', () => {
    const text = formatDraft(update, { similar: 6, wouldAnswer: 5, answeredToday: 4, changesRight: 1 });
    expect(text.split('\n')).toEqual([
      '#7  Start a return',
      'update · in review · 2 tickets · extractive · returns',
      'Would now answer 5 of 6 similar questions (the knowledge base answers 4 today); changes 1 answer that was right.',
      'Removed before drafting: 2 × order id.',
      '',
      'Changes to article 2 (version 3, "Start a return"):',
      '',
      '  # Start a return',
      '',
      '  1. Open Orders.',
      '  2. Click Start a return.',
      '+ 3. Keep the post office receipt.',
      '',
      'Evidence (2 tickets):',
      '  T-11         2026-03-18  how do I send my kettle back?',
      '  T-12         2026-03-19  Return label?  (set aside)',
    ]);
  });

  it('says of a card whose answer is still to write what it would answer once written, and where to write it', () => {
    const toWrite: DraftDetail = {
      ...update,
      kind: 'new',
      base: null,
      emptySection: 'Answer',
      answerToWrite: true,
      bodyMd: '# Returns\n\n## Answer\n\n\n\n## How customers ask\n\n- “Return label?”\n',
    };
    const lines = formatDraft(toWrite, { similar: 6, wouldAnswer: 5, answeredToday: 0, changesRight: 0 }).split('\n');
    expect(lines[2]).toBe('Once its answer is written, would answer 5 of 6 similar questions; changes 0 answers that were right.');
    expect(lines).toContain('The “Answer” section is empty: write it (tideline drafts edit 7 --file article.md), then approve.');
  });

  it('says of a conflict card that it answers those questions once its two answers are made one', () => {
    const conflict: DraftDetail = { ...update, kind: 'conflict', base: null };
    const lines = formatDraft(conflict, { similar: 7, wouldAnswer: 7, answeredToday: 0, changesRight: 0 }).split('\n');
    expect(lines[2]).toBe('Once edited into one answer, would answer 7 of 7 similar questions; changes 0 answers that were right.');
  });
});
