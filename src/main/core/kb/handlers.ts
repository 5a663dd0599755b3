import type { Engine } from '../app';
import type { Workspaces } from '../workspace/workspaces';
import { importArticleFolder } from './import-folder';
import { editArticle, getArticle, listArticles, setArchived } from './articles';

/** The knowledge base: approved articles, their versions and evidence. */
export function registerArticleHandlers(engine: Engine, workspaces: Workspaces): void {
  const db = () => workspaces.requireCurrent().db;
  engine.register('articles.list', (filter) => listArticles(db(), filter));
  engine.register('articles.get', ({ id }) => getArticle(db(), id));
  engine.register('articles.edit', ({ id, title, bodyMd }) => editArticle(db(), id, { title, bodyMd }));
  engine.register('articles.archive', ({ id }) => setArchived(db(), id, true));
  engine.register('articles.restore', ({ id }) => setArchived(db(), id, false));
  engine.register('articles.import', ({ folder }) => importArticleFolder(db(), folder));
}
