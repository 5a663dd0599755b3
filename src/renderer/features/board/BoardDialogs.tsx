import { useEffect, useMemo, useState } from 'react';
import { ExportDialog } from '../export/ExportDialog';
import type { DrafterConfig, DraftSummary } from '../../../shared/domain/draft';
import { api } from '../../api';
import { Dialog } from '../../components/Dialog';
import { Segmented } from '../../components/Segmented';
import { useApp } from '../../stores/app';
import { useBoard } from '../../stores/board';
import { plural } from '../../../shared/plural';

export const SHORTCUTS: [string, string][] = [
  ['j / k  or  ↓ / ↑', 'Next / previous card in the column'],
  ['h / l  or  ← / →', 'Previous / next column'],
  ['Enter', 'Open the card'],
  ['a', 'Approve'],
  ['p', 'Publish approved cards to the help center'],
  ['r', 'Reject (with a reason)'],
  ['e', 'Edit the article (Ctrl+Enter saves)'],
  ['m', 'Merge into another card'],
  ['t', 'Labels (tags)'],
  ['x', 'Select for bulk actions (Shift+click selects a range)'],
  ['i', 'On a team’s board: take the card (again: give it up)'],
  ['Shift+→ / Shift+←', 'Move to the next / previous column'],
  ['u  or  Ctrl+Z', 'Undo the last action'],
  ['/', 'Search the board'],
  ['Esc', 'Close the card, clear the selection'],
  ['?', 'These shortcuts'],
];

const title = (cards: DraftSummary[], id: number) => cards.find((c) => c.id === id)?.title ?? `#${id}`;
const open = (c: DraftSummary) => c.status === 'suggested' || c.status === 'in_review';

/** The board's dialogs: reject with a reason, merge, labels, regenerate with another drafter, shortcuts. */
export function BoardDialogs() {
  const dialog = useBoard((s) => s.dialog);
  const setDialog = useBoard((s) => s.setDialog);
  const cards = useBoard((s) => s.cards) ?? [];
  const close = () => setDialog(null);
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'reject':
      return <RejectDialog ids={dialog.ids} cards={cards} onClose={close} />;
    case 'merge':
      return <MergeDialog ids={dialog.ids} cards={cards} onClose={close} />;
    case 'label':
      return <LabelDialog ids={dialog.ids} cards={cards} onClose={close} />;
    case 'regenerate':
      return <RegenerateDialog id={dialog.ids[0]} onClose={close} />;
    case 'export':
      return <ExportDialog onClose={close} />;
    case 'help':
      return (
        <Dialog title="Keyboard shortcuts" onClose={close}>
          <table className="shortcuts">
            <tbody>
              {SHORTCUTS.map(([keys, what]) => (
                <tr key={keys}>
                  <td>
                    <kbd>{keys}</kbd>
                  </td>
                  <td>{what}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="dialog__actions">
            <button className="button" onClick={close}>
              Close
            </button>
          </div>
        </Dialog>
      );
  }
}

function RejectDialog({ ids, cards, onClose }: { ids: number[]; cards: DraftSummary[]; onClose: () => void }) {
  const act = useBoard((s) => s.act);
  const [reason, setReason] = useState('');
  const submit = async () => {
    if (!reason.trim()) return;
    onClose();
    await act(
      () => api.invoke('drafts.reject', { ids, reason }),
      (o) =>
        `Rejected ${o.changed.length === 1 ? `“${title(cards, o.changed[0]!)}”` : plural(o.changed.length, 'card')}. Not suggested again without new evidence.`,
    );
  };
  return (
    <Dialog title={ids.length === 1 ? `Reject “${title(cards, ids[0]!)}”` : `Reject ${ids.length} cards`} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label className="field">
          <span>Why? The topic is not suggested again unless new evidence arrives.</span>
          <input
            className="input"
            autoFocus
            aria-label="Reason for rejecting"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            maxLength={500}
          />
        </label>
        <div className="dialog__actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button--danger" disabled={!reason.trim()}>
            Reject
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function MergeDialog({ ids, cards, onClose }: { ids: number[]; cards: DraftSummary[]; onClose: () => void }) {
  const act = useBoard((s) => s.act);
  const [query, setQuery] = useState('');
  // several cards: keep one of them; one card: merge it into another open card, found on the whole board
  const [found, setFound] = useState<DraftSummary[]>([]);
  useEffect(() => {
    if (ids.length > 1) return;
    const timer = setTimeout(() => {
      void api.invoke('drafts.list', query.trim() ? { query } : {}).then(
        (all) => setFound(all.filter((c) => open(c) && c.id !== ids[0]).slice(0, 50)),
        () => setFound([]),
      );
    }, 120);
    return () => clearTimeout(timer);
  }, [ids, query]);
  const candidates = ids.length > 1 ? cards.filter((c) => ids.includes(c.id)) : found;
  const [target, setTarget] = useState<number | null>(ids.length > 1 ? ids[0]! : null);
  const submit = async () => {
    if (target === null) return;
    const sources = ids.length > 1 ? ids.filter((id) => id !== target) : ids;
    onClose();
    await act(
      () => api.invoke('drafts.merge', { into: target, ids: sources }),
      (o) => `Merged ${plural(o.changed.length, 'card')} into “${title(cards, target)}”.`,
    );
  };
  return (
    <Dialog title={ids.length > 1 ? `Merge ${ids.length} cards` : `Merge “${title(cards, ids[0]!)}” into…`} onClose={onClose} wide>
      <p className="muted">
        {ids.length > 1
          ? 'Pick the card to keep: the others’ tickets join it, and they move to Rejected.'
          : 'Its tickets join the card you pick, and it moves to Rejected.'}
      </p>
      {ids.length === 1 && (
        <input
          className="input"
          autoFocus
          aria-label="Find a card"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder="Find a card by title or #number"
        />
      )}
      <ul className="merge-list" role="radiogroup" aria-label="Merge into">
        {candidates.map((c) => (
          <li key={c.id}>
            <label className={`merge-list__item${target === c.id ? ' merge-list__item--on' : ''}`}>
              <input type="radio" name="merge-target" checked={target === c.id} onChange={() => setTarget(c.id)} />
              <span>{c.title}</span>
              <span className="muted">
                #{c.id} · {c.evidenceTicketIds.length} tickets
              </span>
            </label>
          </li>
        ))}
        {candidates.length === 0 && <li className="muted">No open card matches.</li>}
      </ul>
      <div className="dialog__actions">
        <button className="button" onClick={onClose}>
          Cancel
        </button>
        <button className="button button--primary" disabled={target === null} onClick={() => void submit()}>
          Merge
        </button>
      </div>
    </Dialog>
  );
}

function LabelDialog({ ids, cards, onClose }: { ids: number[]; cards: DraftSummary[]; onClose: () => void }) {
  const act = useBoard((s) => s.act);
  const targets = cards.filter((c) => ids.includes(c.id));
  const known = useMemo(() => [...new Set(cards.flatMap((c) => c.labels))].sort(), [cards]);
  const initial = useMemo(
    () => new Set(known.filter((l) => targets.length > 0 && targets.every((c) => c.labels.includes(l)))),
    [known, targets],
  );
  const [on, setOn] = useState<Set<string>>(initial);
  const [fresh, setFresh] = useState('');
  const submit = async () => {
    const next = new Set(on);
    if (fresh.trim()) next.add(fresh.trim());
    const add = [...next].filter((l) => !targets.every((c) => c.labels.includes(l)));
    const remove = [...initial].filter((l) => !next.has(l));
    onClose();
    if (add.length + remove.length)
      await act(
        () => api.invoke('drafts.label', { ids, add, remove }),
        (o) => `Labels changed on ${plural(o.changed.length, 'card')}.`,
      );
  };
  return (
    <Dialog title={ids.length === 1 ? 'Labels' : `Labels on ${ids.length} cards`} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label className="field">
          <span>New label</span>
          <input
            className="input"
            autoFocus
            aria-label="New label"
            value={fresh}
            maxLength={40}
            onChange={(e) => setFresh(e.target.value)}
          />
        </label>
        {known.length > 0 && (
          <fieldset className="label-choices">
            <legend>Labels in use</legend>
            {known.map((l) => (
              <label key={l} className="check">
                <input
                  type="checkbox"
                  checked={on.has(l)}
                  onChange={() =>
                    setOn((s) => {
                      const next = new Set(s);
                      if (!next.delete(l)) next.add(l);
                      return next;
                    })
                  }
                />
                {l}
              </label>
            ))}
          </fieldset>
        )}
        <div className="dialog__actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button--primary">
            Apply
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function RegenerateDialog({ id, onClose }: { id: number; onClose: () => void }) {
  const applyJob = useApp((s) => s.applyJob);
  const notify = useApp((s) => s.notify);
  const [config, setConfig] = useState<DrafterConfig>({ provider: 'extractive' });
  useEffect(() => {
    void api.invoke('drafting.settings', {}).then(
      (s) => setConfig(s.config),
      () => undefined,
    );
  }, []);
  const submit = async () => {
    try {
      applyJob(await api.invoke('drafts.regenerate', { id, drafter: config }));
      notify('info', 'Redrafting in the background: the card updates when it is done.');
      onClose();
    } catch (error) {
      notify('error', error instanceof Error ? error.message : String(error));
    }
  };
  return (
    <Dialog title="Regenerate with…" onClose={onClose}>
      <p className="muted">
        The article is written again from the same tickets (personal details removed first). Undo brings the current text back.
      </p>
      <Segmented
        label="Drafter"
        value={config.provider}
        onChange={(provider) => setConfig((c) => ({ ...c, provider }))}
        options={[
          { value: 'extractive', label: 'No LLM' },
          { value: 'ollama', label: 'Ollama' },
          { value: 'openai', label: 'OpenAI-compatible' },
        ]}
      />
      {config.provider !== 'extractive' && (
        <div className="form-grid">
          <label className="field">
            <span>Model</span>
            <input
              className="input"
              aria-label="Model"
              value={config.model ?? ''}
              onChange={(e) => setConfig((c) => ({ ...c, model: e.target.value || undefined }))}
            />
          </label>
          <label className="field">
            <span>{config.provider === 'ollama' ? 'Ollama address' : 'Endpoint (base URL)'}</span>
            <input
              className="input"
              aria-label="Address"
              value={(config.provider === 'ollama' ? config.host : config.baseUrl) ?? ''}
              onChange={(e) => setConfig((c) => ({ ...c, [c.provider === 'ollama' ? 'host' : 'baseUrl']: e.target.value || undefined }))}
            />
          </label>
        </div>
      )}
      <div className="dialog__actions">
        <button className="button" onClick={onClose}>
          Cancel
        </button>
        <button
          className="button button--primary"
          disabled={config.provider !== 'extractive' && !config.model}
          onClick={() => void submit()}
        >
          Regenerate
        </button>
      </div>
    </Dialog>
  );
}
