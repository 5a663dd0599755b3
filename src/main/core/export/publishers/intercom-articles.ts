import { client, requireSetting } from '../../connectors/connector';
import { htmlToText } from '../../connectors/html-text';
import { HelpdeskError } from '../../connectors/http';
import type { ExportSettings, Publisher, PublisherOptions, RemoteArticle } from '../publisher';

interface IArticle {
  id: string | number;
  title: string;
  body: string | null;
  url: string | null;
  state: string;
}

const HOSTS: Record<string, string> = { us: 'https://api.intercom.io', eu: 'https://api.eu.intercom.io', au: 'https://api.au.intercom.io' };
const ACCESS = '“Read and write articles”, “Read admins” and “Read Help Center collections”';

/** Intercom Articles: created in a collection with an admin as author, updated in place. Tags are not sent. */
export function intercomArticlesPublisher(s: ExportSettings, http: PublisherOptions): Publisher {
  const vendor = 'Intercom';
  const token = requireSetting(s, 'accessToken', 'access token', vendor);
  const state = s.config.state === 'published' ? 'published' : 'draft';
  const api = client(
    vendor,
    s.baseUrl ?? HOSTS[s.config.region ?? 'us'] ?? HOSTS.us!,
    { authorization: `Bearer ${token}`, 'intercom-version': '2.11' },
    { access: ACCESS, ...http },
  );
  const remote = (a: IArticle): RemoteArticle => ({ id: String(a.id), url: a.url, title: a.title, body: a.body ?? '' });

  return {
    async test() {
      const collections: { id: string; name: string }[] = [];
      for (let page = 1, pages = 1; page <= pages; page++) {
        const { body } = await api.get<{ data: { id: string | number; name: string }[]; pages?: { total_pages?: number } }>(
          'help_center/collections',
          { page, per_page: 50 },
        );
        collections.push(...body.data.map((c) => ({ id: String(c.id), name: c.name })));
        pages = body.pages?.total_pages ?? 1;
      }
      const { body: admins } = await api.get<{ admins: { id: string | number; name: string; email?: string }[] }>('admins');
      return {
        ok: true,
        summary: `Intercom Help Center: ${collections.length} collections, ${admins.admins.length} teammates.`,
        choices: {
          collectionId: collections.map((c) => ({ value: c.id, label: c.name })),
          authorId: admins.admins.map((a) => ({ value: String(a.id), label: a.email ? `${a.name} (${a.email})` : a.name })),
        },
      };
    },
    async read(id) {
      try {
        return remote((await api.get<IArticle>(`articles/${id}`)).body);
      } catch (error) {
        if (error instanceof HelpdeskError && error.failure === 'not_found') return null;
        throw error;
      }
    },
    async create(a) {
      const collection = requireSetting(s, 'collectionId', 'collection', vendor);
      const author = requireSetting(s, 'authorId', 'author', vendor);
      const { body } = await api.post<IArticle>('articles', {
        title: a.title,
        body: a.helpCenterHtml,
        author_id: Number(author),
        state,
        parent_id: Number(collection),
        parent_type: 'collection',
      });
      return remote(body);
    },
    async findByTitle(a) {
      const collection = requireSetting(s, 'collectionId', 'collection', vendor);
      for (let page = 1, pages = 1; page <= pages; page++) {
        const { body } = await api.get<{ data: (IArticle & { parent_id?: number | string | null })[]; pages?: { total_pages?: number } }>(
          'articles',
          { page, per_page: 50 },
        );
        const found = body.data.find((x) => x.title === a.title && String(x.parent_id) === collection);
        if (found) return remote(found);
        pages = body.pages?.total_pages ?? 1;
      }
      return null;
    },
    async update(id, a) {
      return remote((await api.put<IArticle>(`articles/${id}`, { title: a.title, body: a.helpCenterHtml, state })).body);
    },
    readable: htmlToText,
  };
}
