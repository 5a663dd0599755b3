// Handover tickets for tests: the AI could not answer, a human explained, one customer each.
export const QUESTIONS = {
  warranty: {
    subject: 'Register the warranty',
    ask: 'How do I register my warranty?',
    answer: '1. Open Settings → Warranty.\n2. Enter the serial number.\n3. Click Register.',
  },
  return: {
    subject: 'Send a kettle back',
    ask: 'Can I return my kettle for a refund?',
    answer: '1. Open Orders and pick the order.\n2. Press Return and print the label.\n3. Drop the parcel at a post office.',
  },
};

/** Tickets where the AI could not answer and a human explained, one customer each. */
/** `replies`: what the agent said to each ticket instead of the topic's answer (one each, in order). */
export function warrantyTickets(from: number, count: number, about: keyof typeof QUESTIONS = 'warranty', replies?: string[]): string {
  const q = QUESTIONS[about];
  const lines: string[] = [];
  for (let i = from; i < from + count; i++) {
    const day = `2026-03-${String(2 + i).padStart(2, '0')}`;
    lines.push(
      JSON.stringify({
        id: `${about}-${i}`,
        subject: q.subject,
        status: 'solved',
        created_at: `${day}T09:00:00Z`,
        requester: { id: `${about}-c-${i}`, name: `Customer ${i}` },
        messages: [
          { role: 'customer', created_at: `${day}T09:00:00Z`, body: q.ask },
          { role: 'bot', created_at: `${day}T09:00:05Z`, body: 'I’m not sure about that.' },
          { role: 'agent', created_at: `${day}T10:00:00Z`, body: replies?.[i - from] ?? q.answer },
        ],
      }),
    );
  }
  return lines.join('\n');
}
