import { useState } from 'react';
import type { ArticleImport } from '../../../shared/domain/draft';
import { api } from '../../api';
import { Dialog } from '../../components/Dialog';
import { useApp } from '../../stores/app';

/** Import a folder of Markdown or HTML articles (a Tideline export, or pages written by hand), with undo. */
export function ImportArticlesDialog({ onClose, onImported }: { onClose: () => void; onImported: () => void }) {
  const notify = useApp((s) => s.notify);
  const [folder, setFolder] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<ArticleImport | null>(null);

  const submit = async () => {
    setBusy(true);
    try {
      const result = await api.invoke('articles.import', { folder: folder.trim() });
      setOutcome(result);
      onImported();
      notify('info', `Imported: ${result.created} new, ${result.updated} updated, ${result.unchanged} unchanged.`, {
        label: 'Undo',
        run: () =>
          void api
            .invoke('review.undo', { batch: result.batch })
            .then(onImported, (e: unknown) => notify('error', e instanceof Error ? e.message : String(e))),
      });
    } catch (e) {
      notify('error', e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title="Import articles" onClose={onClose}>
      <form
        className="form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          if (folder.trim()) void submit();
        }}
      >
        <label className="field">
          <span className="field__label">Folder</span>
          <input
            className="input"
            aria-label="Folder"
            value={folder}
            onChange={(e) => setFolder(e.target.value)}
            placeholder="/Users/dana/kb"
            autoFocus
          />
          <span className="field__help">
            .md files (front matter with id, title, tags, as Tideline’s Markdown export writes them, or a first “# heading” as the title)
            and .html pages. An article exported from this workspace and unchanged is left alone; an edited one gets a new version.
          </span>
        </label>
        {outcome && (
          <div className="source-form__result" role="status">
            <p>
              {outcome.created} new, {outcome.updated} updated, {outcome.unchanged} unchanged.
            </p>
            {outcome.skipped.length > 0 && (
              <ul>
                {outcome.skipped.map((s) => (
                  <li key={s.file}>
                    {s.file}: {s.reason}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        <div className="dialog__actions">
          <button type="button" className="button" onClick={onClose}>
            {outcome ? 'Close' : 'Cancel'}
          </button>
          <button type="submit" className="button button--primary" disabled={!folder.trim() || busy}>
            {busy ? 'Importing…' : 'Import'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
