import { useDeferredValue, useEffect, useRef } from 'react';
import { Markdown } from './Markdown';

/** A Markdown editor with a live preview beside it: Ctrl/⌘+Enter (or S) saves, Esc cancels. */
export function MarkdownEditor({
  title,
  body,
  onTitle,
  onBody,
  onSubmit,
  onCancel,
  caret,
}: {
  title: string;
  body: string;
  onTitle: (v: string) => void;
  onBody: (v: string) => void;
  onSubmit: () => void;
  onCancel: () => void;
  /** Where the cursor starts in the article (an empty section's line), rather than at its start. */
  caret?: number;
}) {
  const preview = useDeferredValue(body);
  const text = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (caret !== undefined) text.current?.setSelectionRange(caret, caret);
    // where the editor opens only: the lead moves the cursor from there
  }, []);
  const submitKeys = (e: React.KeyboardEvent) => {
    if ((e.ctrlKey || e.metaKey) && (e.key === 'Enter' || e.key === 's')) {
      e.preventDefault();
      onSubmit();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      onCancel();
    }
  };
  return (
    <div className="md-editor" onKeyDown={submitKeys}>
      <input className="input md-editor__title" aria-label="Article title" value={title} onChange={(e) => onTitle(e.target.value)} />
      <div className="md-editor__panes">
        <textarea
          ref={text}
          className="md-editor__text"
          aria-label="Article (Markdown)"
          value={body}
          spellCheck
          onChange={(e) => onBody(e.target.value)}
          autoFocus
        />
        <div className="md-editor__preview" aria-label="Preview">
          <Markdown source={preview} />
        </div>
      </div>
    </div>
  );
}
