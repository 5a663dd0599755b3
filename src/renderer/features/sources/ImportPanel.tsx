import { useRef, useState, type DragEvent } from 'react';
import { ProgressBar } from '../../components/ProgressBar';
import { useApp } from '../../stores/app';

/** Drop a file or pick one: JSON Lines or CSV in the open ticket format. */
export function ImportPanel() {
  const importFile = useApp((s) => s.importFile);
  const upload = useApp((s) => s.upload);
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    const file = event.dataTransfer.files[0];
    if (file) void importFile(file);
  };

  return (
    <div
      className={`dropzone${over ? ' dropzone--over' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <div className="dropzone__text">
        <strong>Import an export file</strong>
        <span className="muted">JSON Lines (.jsonl) or CSV in the open ticket format. Drop it here or choose it.</span>
      </div>
      <input
        ref={input}
        type="file"
        accept=".jsonl,.ndjson,.json,.csv,.tsv,text/csv,text/tab-separated-values,application/x-ndjson"
        hidden
        aria-label="Ticket export file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) void importFile(file);
          e.target.value = '';
        }}
      />
      <button className="button button--primary" onClick={() => input.current?.click()} disabled={upload !== null}>
        Choose file…
      </button>
      {upload && (
        <div className="dropzone__upload">
          <span>Reading {upload.name}…</span>
          <ProgressBar value={upload.fraction} label={`Reading ${upload.name}`} />
        </div>
      )}
    </div>
  );
}
