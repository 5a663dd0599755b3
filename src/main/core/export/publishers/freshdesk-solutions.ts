import { basicAuth, client, requireSetting } from '../../connectors/connector';
import { htmlToText } from '../../connectors/html-text';
import { HelpdeskError } from '../../connectors/http';
import type { ExportSettings, Publisher, PublisherOptions, RemoteArticle } from '../publisher';

interface FArticle {
  id: number;
  title: string;
  description: string | null;
  status: number;
}

const DRAFT = 1;
const PUBLISHED = 2;
const ACCESS = 'the Solutions permission to create and edit articles';

/** Freshdesk Solutions: articles live in a folder; status 1 is a draft, 2 published. */
export function freshdeskSolutionsPublisher(s: ExportSettings, http: PublisherOptions): Publisher {
  const vendor = 'Freshdesk';
  const domain = requireSetting(s, 'domain', 'domain', vendor);
  const key = requireSetting(s, 'apiKey', 'API key', vendor);
  const status = s.config.state === 'published' ? PUBLISHED : DRAFT;
  const api = client(
    vendor,
    s.baseUrl ?? `https://${domain}.freshdesk.com/api/v2`,
    { authorization: basicAuth(key, 'X') },
    { access: ACCESS, ...http },
  );
  const portal = `https://${domain}.freshdesk.com/support/solutions/articles`;
  const remote = (a: FArticle): RemoteArticle => ({
    id: String(a.id),
    url: `${portal}/${a.id}`,
    title: a.title,
    body: a.description ?? '',
  });

  return {
    async test() {
      const { body: categories } = await api.get<{ id: number; name: string }[]>('solutions/categories');
      const folders: { value: string; label: string }[] = [];
      for (const c of categories) {
        const { body } = await api.get<{ id: number; name: string }[]>(`solutions/categories/${c.id}/folders`);
        folders.push(...body.map((f) => ({ value: String(f.id), label: `${c.name} › ${f.name}` })));
      }
      return {
        ok: true,
        summary: `Freshdesk ${domain}: ${categories.length} categories, ${folders.length} folders.`,
        choices: { folderId: folders },
      };
    },
    async read(id) {
      try {
        return remote((await api.get<FArticle>(`solutions/articles/${id}`)).body);
      } catch (error) {
        if (error instanceof HelpdeskError && error.failure === 'not_found') return null;
        throw error;
      }
    },
    async create(a) {
      const folder = requireSetting(s, 'folderId', 'folder', vendor);
      return remote(
        (
          await api.post<FArticle>(`solutions/folders/${folder}/articles`, {
            title: a.title,
            description: a.helpCenterHtml,
            status,
            tags: a.tags,
          })
        ).body,
      );
    },
    async findByTitle(a) {
      const folder = requireSetting(s, 'folderId', 'folder', vendor);
      const { body } = await api.get<FArticle[]>(`solutions/folders/${folder}/articles`, { per_page: 100 });
      const found = body.find((x) => x.title === a.title);
      return found ? remote(found) : null;
    },
    async update(id, a) {
      return remote(
        (await api.put<FArticle>(`solutions/articles/${id}`, { title: a.title, description: a.helpCenterHtml, status, tags: a.tags })).body,
      );
    },
    readable: htmlToText,
  };
}
