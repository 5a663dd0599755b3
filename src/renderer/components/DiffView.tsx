import { diffLines, diffWords, type Change } from 'diff';
import { useMemo } from 'react';
import { Segmented } from './Segmented';
import { useState } from 'react';

type Row = { left: string | null; right: string | null; kind: 'same' | 'changed' | 'removed' | 'added' };

/** Pairs removed and added lines into rows for the side-by-side view. */
function rowsOf(changes: Change[]): Row[] {
  const rows: Row[] = [];
  const lines = (c: Change) => c.value.replace(/\n$/, '').split('\n');
  for (let i = 0; i < changes.length; i++) {
    const c = changes[i]!;
    if (!c.added && !c.removed) {
      for (const l of lines(c)) rows.push({ left: l, right: l, kind: 'same' });
    } else if (c.removed && changes[i + 1]?.added) {
      const [old, now] = [lines(c), lines(changes[++i]!)];
      for (let k = 0; k < Math.max(old.length, now.length); k++) {
        rows.push({
          left: old[k] ?? null,
          right: now[k] ?? null,
          kind: old[k] !== undefined && now[k] !== undefined ? 'changed' : old[k] !== undefined ? 'removed' : 'added',
        });
      }
    } else {
      for (const l of lines(c)) rows.push(c.removed ? { left: l, right: null, kind: 'removed' } : { left: null, right: l, kind: 'added' });
    }
  }
  return rows;
}

/** Words of `a` and `b` with what changed marked: removed words on the old side, added ones on the new. */
export function WordDiff({ from, to, side }: { from: string; to: string; side: 'old' | 'new' }) {
  const parts = useMemo(() => diffWords(from, to), [from, to]);
  return (
    <>
      {parts.map((p, i) =>
        p.added ? (
          side === 'new' ? (
            <ins key={i}>{p.value}</ins>
          ) : null
        ) : p.removed ? (
          side === 'old' ? (
            <del key={i}>{p.value}</del>
          ) : null
        ) : (
          <span key={i}>{p.value}</span>
        ),
      )}
    </>
  );
}

/** A readable diff of two Markdown texts, side by side or inline (the lead's choice, remembered while open). */
export function DiffView({
  before,
  after,
  beforeLabel,
  afterLabel,
}: {
  before: string;
  after: string;
  beforeLabel: string;
  afterLabel: string;
}) {
  const [mode, setMode] = useState<'split' | 'inline'>('split');
  const changes = useMemo(() => diffLines(before, after), [before, after]);
  const rows = useMemo(() => rowsOf(changes), [changes]);
  const added = changes.filter((c) => c.added).reduce((n, c) => n + (c.count ?? 0), 0);
  const removed = changes.filter((c) => c.removed).reduce((n, c) => n + (c.count ?? 0), 0);
  return (
    <div className="diff">
      <div className="diff__bar">
        <span className="muted">
          <span className="diff__plus">+{added}</span> <span className="diff__minus">−{removed}</span> lines
        </span>
        <Segmented
          label="Diff layout"
          value={mode}
          onChange={setMode}
          options={[
            { value: 'split', label: 'Side by side' },
            { value: 'inline', label: 'Inline' },
          ]}
        />
      </div>
      {mode === 'split' ? (
        <table className="diff__table" aria-label="Changes side by side">
          <thead>
            <tr>
              <th>{beforeLabel}</th>
              <th>{afterLabel}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i} className={`diff__row diff__row--${r.kind}`}>
                <td className="diff__old">{r.kind === 'changed' ? <WordDiff from={r.left!} to={r.right!} side="old" /> : r.left}</td>
                <td className="diff__new">{r.kind === 'changed' ? <WordDiff from={r.left!} to={r.right!} side="new" /> : r.right}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <div className="diff__inline" aria-label="Changes inline">
          {changes.flatMap((c, i) =>
            c.value
              .replace(/\n$/, '')
              .split('\n')
              .map((line, k) => (
                <div key={`${i}-${k}`} className={`diff__line${c.added ? ' diff__line--added' : c.removed ? ' diff__line--removed' : ''}`}>
                  <span className="diff__sign" aria-hidden="true">
                    {c.added ? '+' : c.removed ? '−' : ' '}
                  </span>
                  {c.added ? <ins>{line}</ins> : c.removed ? <del>{line}</del> : line}
                </div>
              )),
          )}
        </div>
      )}
    </div>
  );
}
