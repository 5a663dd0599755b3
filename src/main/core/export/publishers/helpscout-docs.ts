import { basicAuth, client, requireSetting } from '../../connectors/connector';
import { htmlToText } from '../../connectors/html-text';
import { HelpdeskError } from '../../connectors/http';
import type { ExportSettings, Publisher, PublisherOptions, RemoteArticle } from '../publisher';

interface HArticle {
  id: string;
  name: string;
  text: string | null;
  publicUrl: string | null;
  status: string;
}

const ACCESS = 'edit rights on the Docs collection';

/** Help Scout Docs API: `reload=true` makes creates and updates answer with the stored article. */
export function helpScoutDocsPublisher(s: ExportSettings, http: PublisherOptions): Publisher {
  const vendor = 'Help Scout Docs';
  const key = requireSetting(s, 'apiKey', 'Docs API key', vendor);
  const status = s.config.state === 'published' ? 'published' : 'notpublished';
  const api = client(
    vendor,
    s.baseUrl ?? 'https://docsapi.helpscout.net/v1',
    { authorization: basicAuth(key, 'X') },
    { access: ACCESS, ...http },
  );
  const remote = (a: HArticle): RemoteArticle => ({ id: a.id, url: a.publicUrl, title: a.name, body: a.text ?? '' });

  return {
    async test() {
      const collections: { value: string; label: string }[] = [];
      for (let page = 1, pages = 1; page <= pages; page++) {
        const { body } = await api.get<{ collections: { page: number; pages: number; items: { id: string; name: string }[] } }>(
          'collections',
          { page },
        );
        collections.push(...body.collections.items.map((c) => ({ value: c.id, label: c.name })));
        pages = body.collections.pages;
      }
      return { ok: true, summary: `Help Scout Docs: ${collections.length} collections.`, choices: { collectionId: collections } };
    },
    async read(id) {
      try {
        return remote((await api.get<{ article: HArticle }>(`articles/${id}`)).body.article);
      } catch (error) {
        if (error instanceof HelpdeskError && error.failure === 'not_found') return null;
        throw error;
      }
    },
    async create(a) {
      const collection = requireSetting(s, 'collectionId', 'collection', vendor);
      const { body } = await api.post<{ article: HArticle }>(
        'articles',
        { collectionId: collection, name: a.title, text: a.helpCenterHtml, status, keywords: a.tags },
        { reload: 'true' },
      );
      return remote(body.article);
    },
    async findByTitle(a) {
      const collection = requireSetting(s, 'collectionId', 'collection', vendor);
      for (let page = 1, pages = 1; page <= pages; page++) {
        const { body } = await api.get<{ articles: { page: number; pages: number; items: { id: string; name: string }[] } }>(
          `collections/${collection}/articles`,
          { page, pageSize: 100 },
        );
        const ref = body.articles.items.find((x) => x.name === a.title);
        if (ref) return this.read(ref.id);
        pages = body.articles.pages;
      }
      return null;
    },
    async update(id, a) {
      return remote(
        (
          await api.put<{ article: HArticle }>(
            `articles/${id}`,
            { name: a.title, text: a.helpCenterHtml, status, keywords: a.tags },
            { reload: 'true' },
          )
        ).body.article,
      );
    },
    readable: htmlToText,
  };
}
