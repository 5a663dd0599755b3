import { useEffect, useRef, useState } from 'react';
import { useApp } from '../stores/app';
import { CreateWorkspaceForm } from './CreateWorkspaceForm';
import { icons } from './icons';

export function WorkspaceSwitcher() {
  const workspaces = useApp((s) => s.workspaces);
  const switchWorkspace = useApp((s) => s.switchWorkspace);
  const refresh = useApp((s) => s.refresh);
  const [open, setOpen] = useState(false);
  const [creating, setCreating] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const current = workspaces.find((w) => w.active);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    const onClick = (e: MouseEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('mousedown', onClick);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('mousedown', onClick);
    };
  }, [open]);

  return (
    <div className="switcher" ref={root}>
      <button
        className="switcher__button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label="Switch workspace"
        onClick={() => {
          // another window or command may have added a workspace, or found one damaged
          if (!open) void refresh();
          setOpen(!open);
          setCreating(false);
        }}
      >
        <span className="switcher__caption">Workspace</span>
        <span className="switcher__name">{current?.name ?? 'None'}</span>
        <span className="switcher__chevron">{icons.chevron}</span>
      </button>
      {open && (
        <div className="switcher__menu" role="menu">
          {workspaces.map((w) => (
            <button
              key={w.id}
              role="menuitemradio"
              aria-checked={w.active}
              className="switcher__item"
              disabled={Boolean(w.problem)}
              title={w.problem ?? w.id}
              onClick={async () => {
                setOpen(false);
                if (!w.active) await switchWorkspace(w.id);
              }}
            >
              <span className="switcher__check">{w.active ? icons.check : null}</span>
              <span className="switcher__item-name">{w.name}</span>
              {w.problem && <span className="badge badge--warn">{/newer version/.test(w.problem) ? 'newer version' : 'cannot open'}</span>}
              {!w.problem && w.damage && <span className="badge badge--warn">damaged</span>}
            </button>
          ))}
          <div className="switcher__divider" />
          {creating ? (
            <div className="switcher__create">
              <CreateWorkspaceForm autoFocus submitLabel="Create" onDone={() => setOpen(false)} />
            </div>
          ) : (
            <button role="menuitem" className="switcher__item" onClick={() => setCreating(true)}>
              <span className="switcher__check">{icons.plus}</span>
              <span>New workspace…</span>
            </button>
          )}
        </div>
      )}
    </div>
  );
}
