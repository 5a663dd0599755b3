import { useEffect, useState } from 'react';
import type { ArticleDetail, ArticleSummary } from '../../../shared/domain/draft';
import type { ExportRecord } from '../../../shared/domain/export';
import { api } from '../../api';
import { ScreenHeader } from '../../components/AppFrame';
import { AuditTrail } from '../../components/AuditTrail';
import { DiffView } from '../../components/DiffView';
import { EmptyState } from '../../components/EmptyState';
import { EvidenceList } from '../../components/EvidenceList';
import { icons } from '../../components/icons';
import { Markdown } from '../../components/Markdown';
import { MarkdownEditor } from '../../components/MarkdownEditor';
import { Tabs } from '../../components/Tabs';
import { TicketLinks } from '../../components/TicketLinks';
import { Segmented } from '../../components/Segmented';
import { useApp } from '../../stores/app';
import { age } from '../board/columns';
import { ExportDialog } from '../export/ExportDialog';
import { ImportArticlesDialog } from '../export/ImportArticlesDialog';
import { formatDate, formatTime } from '../tickets/bits';
import { plural } from '../../../shared/plural';

type Tab = 'article' | 'versions' | 'evidence' | 'history';

/** The knowledge base: approved articles, searchable, each with its versions, evidence and trail. */
export function ArticlesScreen() {
  const dataVersion = useApp((s) => s.dataVersion);
  const navigate = useApp((s) => s.navigate);
  const notify = useApp((s) => s.notify);
  const [status, setStatus] = useState<'active' | 'archived'>('active');
  const [query, setQuery] = useState('');
  const [articles, setArticles] = useState<ArticleSummary[] | null>(null);
  const [open, setOpen] = useState<ArticleDetail | null>(null);
  const [revision, setRevision] = useState(0);
  const [exporting, setExporting] = useState(false);
  const [importing, setImporting] = useState(false);

  useEffect(() => {
    const timer = setTimeout(() => {
      void api.invoke('articles.list', { status, ...(query.trim() ? { query } : {}) }).then(setArticles, (e: unknown) => {
        setArticles([]);
        notify('error', e instanceof Error ? e.message : String(e));
      });
    }, 120);
    return () => clearTimeout(timer);
  }, [status, query, dataVersion, revision, notify]);

  const show = async (id: number) => setOpen(await api.invoke('articles.get', { id }));
  const changed = async (work: () => Promise<{ batch: string }>, message: string, id: number) => {
    try {
      await work();
      notify('info', message, {
        label: 'Undo',
        run: () =>
          void api.invoke('review.undo', {}).then(
            () => {
              setRevision((r) => r + 1);
              void show(id).catch(() => setOpen(null));
            },
            (e: unknown) => notify('error', e instanceof Error ? e.message : String(e)),
          ),
      });
      setRevision((r) => r + 1);
      await show(id);
    } catch (e) {
      notify('error', e instanceof Error ? e.message : String(e));
    }
  };

  const empty = articles && articles.length === 0 && !query.trim();
  return (
    <div className="articles-screen">
      <ScreenHeader
        title="Knowledge base"
        subtitle={articles ? plural(articles.length, status === 'active' ? 'article' : 'archived article') : 'Loading…'}
        actions={
          <>
            <button className="button" onClick={() => setImporting(true)}>
              Import…
            </button>
            <button className="button button--primary" onClick={() => setExporting(true)}>
              Export…
            </button>
          </>
        }
      />
      {exporting && <ExportDialog onClose={() => setExporting(false)} />}
      {importing && <ImportArticlesDialog onClose={() => setImporting(false)} onImported={() => setRevision((r) => r + 1)} />}
      <div className="articles-toolbar">
        <input
          className="input"
          type="search"
          aria-label="Search articles"
          placeholder="Search titles and text"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <Segmented
          label="Show"
          value={status}
          onChange={(s) => {
            setStatus(s);
            setOpen(null);
          }}
          options={[
            { value: 'active', label: 'Published & approved' },
            { value: 'archived', label: 'Archived' },
          ]}
        />
      </div>
      {empty ? (
        <EmptyState icon={icons.articles} title={status === 'active' ? 'No articles yet' : 'Nothing archived'}>
          {status === 'active' ? (
            <>
              <p>Every draft you approve on the review board becomes a versioned article here, with the tickets behind it.</p>
              <button className="button button--primary" onClick={() => navigate('board')}>
                Open the review board
              </button>
            </>
          ) : (
            <p>Archived articles leave the knowledge base and are not updated by new drafts; you can restore them here.</p>
          )}
        </EmptyState>
      ) : (
        <div className={`articles-split${open ? ' articles-split--open' : ''}`}>
          <ul className="article-list" aria-label="Articles">
            {articles?.map((a) => (
              <li key={a.id}>
                <button className={`article-row${open?.id === a.id ? ' article-row--on' : ''}`} onClick={() => void show(a.id)}>
                  <span className="article-row__title">{a.title}</span>
                  <span className="article-row__meta">
                    <span className="tag">v{a.version}</span>
                    <span>{a.evidenceCount} tickets</span>
                    <span>updated {formatDate(a.updatedAt)}</span>
                    {a.status === 'active' && a.handedOverSince ? (
                      <span className="flag flag--warn" title={STILL_HANDED_OVER}>
                        {a.handedOverSince} handed over since
                      </span>
                    ) : null}
                  </span>
                  <span className="article-row__excerpt">{a.excerpt}</span>
                </button>
              </li>
            ))}
            {articles?.length === 0 && <li className="muted">No article matches “{query}”.</li>}
          </ul>
          {open && <ArticleView key={open.id} article={open} onClose={() => setOpen(null)} onChange={changed} />}
        </div>
      )}
    </div>
  );
}

function ArticleView({
  article,
  onClose,
  onChange,
}: {
  article: ArticleDetail;
  onClose: () => void;
  onChange: (work: () => Promise<{ batch: string }>, message: string, id: number) => Promise<void>;
}) {
  const [tab, setTab] = useState<Tab>('article');
  const [editing, setEditing] = useState(false);
  const [title, setTitle] = useState(article.title);
  const current = article.versions[0]!;
  const [body, setBody] = useState(current.bodyMd);
  const [version, setVersion] = useState(current.version);
  const picked = article.versions.find((v) => v.version === version) ?? current;
  const previous = article.versions.find((v) => v.version < picked.version);
  // a version the lead wrote by hand stands on the evidence of the version before it
  const evidence = article.versions.find((v) => v.version <= picked.version && v.evidence.length)?.evidence ?? [];
  const save = async () => {
    await onChange(
      () => api.invoke('articles.edit', { id: article.id, title, bodyMd: body }),
      `Saved version ${current.version + 1} of “${title}”.`,
      article.id,
    );
    setEditing(false);
  };
  const tabs: { id: Tab; label: string }[] = [
    { id: 'article', label: 'Article' },
    { id: 'versions', label: `Versions (${article.versions.length})` },
    { id: 'evidence', label: 'Evidence' },
    { id: 'history', label: 'History' },
  ];
  return (
    <article className="card-detail" aria-label={`Article ${article.title}`}>
      <header className="card-detail__head">
        <div className="card-detail__badges">
          <span className={`flag flag--${article.status === 'active' ? 'ok' : 'muted'}`}>
            {article.status === 'active' ? 'Active' : 'Archived'}
          </span>
          <span className="tag">version {article.version}</span>
          <span className="muted">
            #{article.id} · created {formatDate(article.createdAt)} · updated {formatDate(article.updatedAt)}
          </span>
        </div>
        <button className="icon-button" aria-label="Close article" onClick={onClose}>
          {icons.close}
        </button>
      </header>
      {!editing && <h2 className="card-detail__title">{article.title}</h2>}
      <div className="row card-detail__actions">
        {editing ? (
          <>
            <button
              className="button button--primary"
              disabled={title === article.title && body === current.bodyMd}
              onClick={() => void save()}
            >
              Save as version {current.version + 1}
            </button>
            <button className="button" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </>
        ) : (
          <>
            {article.status === 'active' && (
              <button
                className="button"
                onClick={() => {
                  setTitle(article.title);
                  setBody(current.bodyMd);
                  setEditing(true);
                }}
              >
                Edit
              </button>
            )}
            {article.status === 'active' ? (
              <button
                className="button"
                onClick={() =>
                  void onChange(() => api.invoke('articles.archive', { id: article.id }), `Archived “${article.title}”.`, article.id)
                }
              >
                Archive
              </button>
            ) : (
              <button
                className="button"
                onClick={() =>
                  void onChange(() => api.invoke('articles.restore', { id: article.id }), `Restored “${article.title}”.`, article.id)
                }
              >
                Restore
              </button>
            )}
          </>
        )}
      </div>
      {!editing && <ArticleExports articleId={article.id} version={article.version} byTeammates={article.published} />}
      {!editing && <StillHandedOver article={article} />}
      {editing ? (
        <MarkdownEditor
          title={title}
          body={body}
          onTitle={setTitle}
          onBody={setBody}
          onSubmit={() => void save()}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <>
          <Tabs label="Article" tabs={tabs} value={tab} onChange={setTab} />
          <div className="card-detail__body" role="tabpanel">
            {tab === 'article' && <Markdown source={current.bodyMd} />}
            {tab === 'versions' && (
              <>
                <ol className="versions" aria-label="Versions">
                  {article.versions.map((v) => (
                    <li key={v.version}>
                      <button
                        className={`versions__item${v.version === picked.version ? ' versions__item--on' : ''}`}
                        onClick={() => setVersion(v.version)}
                      >
                        <strong>Version {v.version}</strong>
                        <span className="muted">
                          {formatTime(v.createdAt)} · {v.draftId ? `from draft #${v.draftId}` : `edited by ${v.createdBy}`}
                        </span>
                      </button>
                    </li>
                  ))}
                </ol>
                {previous ? (
                  <DiffView
                    before={previous.bodyMd}
                    after={picked.bodyMd}
                    beforeLabel={`Version ${previous.version}`}
                    afterLabel={`Version ${picked.version}`}
                  />
                ) : (
                  <>
                    <p className="muted">The first version:</p>
                    <Markdown source={picked.bodyMd} />
                  </>
                )}
              </>
            )}
            {tab === 'evidence' && (
              <>
                <p className="muted">The tickets behind version {picked.version} (pick another version under Versions).</p>
                <EvidenceList evidence={evidence} />
              </>
            )}
            {tab === 'history' && <AuditTrail events={article.history} empty="No changes recorded." />}
          </div>
        </>
      )}
    </article>
  );
}

const STILL_HANDED_OVER = "Questions of this article's topic that a person answered after its current version was approved";

/**
 * The questions of the article's topic a person still answered after this version was approved:
 * the AI agent does not have the article yet, or it does not answer what they ask.
 */
function StillHandedOver({ article }: { article: ArticleDetail }) {
  const count = article.handedOverSince ?? 0;
  if (!count || article.status !== 'active') return null;
  return (
    <details className="still-handed-over" title={STILL_HANDED_OVER}>
      <summary>
        <strong>Still handed over:</strong> a person answered {plural(count, 'question')} of this topic since version {article.version} was
        approved.
      </summary>
      <p className="muted">
        If your AI agent reads your help center, export this version there (Export…). If it is there already, read these tickets: they may
        ask what the article does not answer yet.
      </p>
      <TicketLinks tickets={article.handedOver} />
    </details>
  );
}

/** Where this article has been exported, at which version, with the link; on a team, where the others published it too. */
function ArticleExports({
  articleId,
  version,
  byTeammates,
}: {
  articleId: number;
  version: number;
  byTeammates: ArticleDetail['published'];
}) {
  const dataVersion = useApp((s) => s.dataVersion);
  const [records, setRecords] = useState<ExportRecord[]>([]);
  useEffect(() => {
    let live = true;
    void api.invoke('exports.records', { articleId }).then(
      (r) => live && setRecords(r),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [articleId, version, dataVersion]);
  if (!records.length && !byTeammates.length) return null;
  return (
    <ul className="article-exports" aria-label="Exported to">
      {byTeammates.map((p) => (
        <li key={`${p.by} ${p.targetName}`}>
          <strong>{p.targetName}</strong>{' '}
          <span className="muted" title={new Date(p.at).toLocaleString()}>
            published by {p.by}, {age(p.at)} ago
          </span>{' '}
          <OpenLink url={p.url} />
        </li>
      ))}
      {records.map((r) => (
        <li key={r.targetId}>
          <strong>{r.targetName}</strong>{' '}
          <span className="muted">
            {r.status === 'done'
              ? r.exportedVersion === version
                ? `version ${r.exportedVersion}, up to date`
                : `version ${r.exportedVersion}; version ${version} is not exported yet`
              : r.status === 'conflict'
                ? 'edited there since the last export: Export… to compare'
                : r.status === 'pending'
                  ? 'queued'
                  : `failed: ${r.error ?? ''}`}
          </span>{' '}
          <OpenLink url={r.externalUrl} />
        </li>
      ))}
    </ul>
  );
}

/** A link to where an article was published, when that is a web page (a file on disk is not linked). */
function OpenLink({ url }: { url: string | null }) {
  if (!url || !/^https?:/.test(url)) return null;
  return (
    <a href={url} target="_blank" rel="noreferrer">
      Open
    </a>
  );
}
