import { useDeferredValue } from 'react';
import { Markdown } from './Markdown';

/** A Markdown editor with a live preview beside it: Ctrl/⌘+Enter (or S) saves, Esc cancels. */
export function MarkdownEditor({
  title,
  body,
  onTitle,
  onBody,
  onSubmit,
  onCancel,
}: {
  title: string;
  body: string;
  onTitle: (v: string) => void;
  onBody: (v: string) => void;
  onSubmit: () => void;
  onCancel: () => void;
}) {
  const preview = useDeferredValue(body);
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
