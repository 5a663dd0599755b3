import { useEffect, useRef, useState } from 'react';
import type { SearchHit } from '../../shared/domain/embedding';
import { api } from '../api';
import { useApp } from '../stores/app';
import { useTickets } from '../stores/tickets';
import { headline } from '../features/tickets/bits';

/** Ctrl/⌘+K: search every ticket by meaning and by words, from anywhere. */
export function SearchPalette({ onClose }: { onClose: () => void }) {
  const navigate = useApp((s) => s.navigate);
  const [text, setText] = useState('');
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => input.current?.focus(), []);
  useEffect(() => {
    if (!text.trim()) {
      setHits(null);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      void api.invoke('search.query', { text, limit: 12 }).then((result) => {
        if (current) {
          setHits(result);
          setActive(0);
        }
      });
    }, 150);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [text]);

  const open = (hit: SearchHit) => {
    onClose();
    navigate('tickets');
    void useTickets.getState().select(hit.ticketId);
  };

  return (
    <div className="palette-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="palette" role="dialog" aria-label="Search tickets">
        <input
          ref={input}
          className="palette__input"
          placeholder="Search tickets by meaning or words…"
          aria-label="Search everything"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') onClose();
            if (!hits?.length) return;
            if (e.key === 'ArrowDown') setActive((a) => Math.min(hits.length - 1, a + 1));
            if (e.key === 'ArrowUp') setActive((a) => Math.max(0, a - 1));
            if (e.key === 'Enter') open(hits[active]!);
          }}
        />
        {hits && hits.length === 0 && <div className="palette__empty">No tickets match.</div>}
        {hits && hits.length > 0 && (
          <ul className="palette__results" role="listbox" aria-label="Search results">
            {hits.map((hit, i) => (
              <li
                key={hit.ticketId}
                role="option"
                aria-selected={i === active}
                className="palette__hit"
                onMouseEnter={() => setActive(i)}
                onClick={() => open(hit)}
              >
                <span className="palette__hit-title">
                  {headline(hit)}
                  <span className="muted">#{hit.externalId}</span>
                  {hit.matchedBy.map((m) => (
                    <span key={m} className="tag">
                      {m}
                    </span>
                  ))}
                </span>
                {hit.subject && <span className="palette__hit-preview">{hit.preview}</span>}
              </li>
            ))}
          </ul>
        )}
        <div className="palette__foot">↑ ↓ to move · Enter to open · Esc to close</div>
      </div>
    </div>
  );
}
