import { useEffect, useState } from 'react';
import { PII_KINDS, type RedactionPreview, type RedactionSettings as Rules } from '../../../shared/domain/draft';
import { api } from '../../api';
import { useApp } from '../../stores/app';

const PLACEHOLDER = new RegExp(`(\\[(?:${PII_KINDS.join('|')})\\])`);
const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** Redacted text with each removal marked, as text (never HTML). */
function Marked({ text }: { text: string }) {
  return (
    <>{text.split(PLACEHOLDER).map((part, i) => (PLACEHOLDER.test(part) ? <mark key={i}>{part}</mark> : <span key={i}>{part}</span>))}</>
  );
}

/** The workspace's own redaction patterns, with a live preview on a real ticket before saving. */
export function RedactionSettings() {
  const notify = useApp((s) => s.notify);
  const [saved, setSaved] = useState<Rules | null>(null);
  const [ids, setIds] = useState('');
  const [custom, setCustom] = useState('');
  const [ticketId, setTicketId] = useState<number | undefined>(undefined);
  const [preview, setPreview] = useState<RedactionPreview | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    void api.invoke('redaction.get', {}).then((r) => {
      setSaved(r);
      setIds(r.idPatterns.join('\n'));
      setCustom(r.customPatterns.join('\n'));
    });
  }, []);

  // the preview follows the patterns as they are typed
  useEffect(() => {
    if (!saved) return;
    const timer = setTimeout(() => {
      api.invoke('redaction.preview', { ...(ticketId ? { ticketId } : {}), idPatterns: lines(ids), customPatterns: lines(custom) }).then(
        (p) => {
          setPreview(p);
          setProblem(null);
        },
        (e: unknown) => setProblem(e instanceof Error ? e.message : String(e)),
      );
    }, 250);
    return () => clearTimeout(timer);
  }, [ids, custom, ticketId, saved]);

  if (!saved) return null;
  const dirty = ids.trim() !== saved.idPatterns.join('\n') || custom.trim() !== saved.customPatterns.join('\n');
  const save = async () => {
    try {
      setSaved(await api.invoke('redaction.set', { idPatterns: lines(ids), customPatterns: lines(custom) }));
      notify('info', 'Saved. Drafts made from now on use these patterns; Regenerate applies them to a card.');
    } catch (e) {
      notify('error', e instanceof Error ? e.message : String(e));
    }
  };
  const another = async () => {
    try {
      const p = await api.invoke('redaction.preview', { random: true, idPatterns: lines(ids), customPatterns: lines(custom) });
      setTicketId(p.ticketId);
    } catch (e) {
      notify('error', e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <div className="redaction">
      <p className="muted">
        Always removed: emails, usernames, phone numbers, card numbers, IBANs, IP addresses, street addresses and postcodes, dates of birth,
        passwords and codes, the names of the ticket’s people, and reference numbers such as <code>AB-12345</code>,{' '}
        <code>INV-2024-00918</code> or <code>order #10042</code>. Add your own below, one regular expression per line.
      </p>
      <div className="redaction__patterns">
        <label className="field">
          <span className="field__label">Your id formats (become [order id])</span>
          <textarea
            className="input redaction__text"
            aria-label="Id patterns"
            rows={4}
            placeholder={'BK-\\d{6}\n\\bCUST\\d{5}\\b'}
            value={ids}
            onChange={(e) => setIds(e.target.value)}
          />
        </label>
        <label className="field">
          <span className="field__label">Anything else (become [custom])</span>
          <textarea
            className="input redaction__text"
            aria-label="Custom patterns"
            rows={4}
            placeholder={'Project Falcon\n\\bint-[a-z]+\\b'}
            value={custom}
            onChange={(e) => setCustom(e.target.value)}
          />
        </label>
      </div>
      {problem && (
        <p className="source-form__result source-form__result--bad" role="alert">
          {problem}
        </p>
      )}
      {preview && (
        <div className="redaction__preview" aria-label="Redaction preview">
          <div className="row redaction__preview-head">
            <strong>Ticket #{preview.externalId}</strong>
            <span className="muted">
              {Object.keys(preview.counts).length
                ? `Removed: ${Object.entries(preview.counts)
                    .map(([k, n]) => `${n} × ${k}`)
                    .join(', ')}`
                : 'Nothing to remove in this ticket'}
            </span>
            <button className="button button--small" onClick={() => void another()}>
              Another ticket
            </button>
          </div>
          <div className="redaction__sides">
            <div>
              <div className="evidence__label">In the ticket</div>
              <div className="redaction__body">{preview.original}</div>
            </div>
            <div>
              <div className="evidence__label">What a drafter sees</div>
              <div className="redaction__body">
                <Marked text={preview.redacted} />
              </div>
            </div>
          </div>
        </div>
      )}
      <div className="row">
        <button className="button button--primary" disabled={!dirty || !!problem} onClick={() => void save()}>
          Save patterns
        </button>
      </div>
    </div>
  );
}
