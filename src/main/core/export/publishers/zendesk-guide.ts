import { basicAuth, client, requireSetting } from '../../connectors/connector';
import { htmlToText } from '../../connectors/html-text';
import { HelpdeskError } from '../../connectors/http';
import type { ExportArticle } from '../article';
import type { ExportSettings, Publisher, PublisherOptions, RemoteArticle } from '../publisher';

interface ZArticle {
  id: number;
  html_url: string | null;
  title: string;
  body: string | null;
}
interface ZTranslation {
  source_id: number;
  html_url: string | null;
  title: string;
  body: string | null;
}
/** A cursor-paged list, its items under the list's own name: {sections: […], meta, links}. */
type ZPage = { meta?: { has_more: boolean }; links?: { next: string | null } } & Record<string, unknown>;

const ACCESS = 'the Guide manager role, which creates and edits articles';

/**
 * Zendesk Guide: an article is created once in the chosen section; afterwards its text changes
 * through its translation in the chosen locale (the article endpoint changes metadata only),
 * and its labels through the article.
 */
export function zendeskGuidePublisher(s: ExportSettings, http: PublisherOptions): Publisher {
  const vendor = 'Zendesk Guide';
  const subdomain = requireSetting(s, 'subdomain', 'subdomain', vendor);
  const email = requireSetting(s, 'email', 'agent email', vendor);
  const token = requireSetting(s, 'apiToken', 'API token', vendor);
  const locale = (s.config.locale ?? '').trim() || 'en-us';
  const draft = s.config.state !== 'published';
  const api = client(
    vendor,
    s.baseUrl ?? `https://${subdomain}.zendesk.com/api/v2`,
    { authorization: basicAuth(`${email}/token`, token) },
    { access: ACCESS, ...http },
  );

  const all = async <T>(path: string, key: string): Promise<T[]> => {
    const out: T[] = [];
    let next: string | null = api.url(path, { 'page[size]': 100 });
    while (next) {
      const page: { body: ZPage } = await api.request<ZPage>('GET', next);
      out.push(...((page.body[key] as T[] | undefined) ?? []));
      next = page.body.meta?.has_more ? (page.body.links?.next ?? null) : null;
    }
    return out;
  };
  const fromTranslation = (id: string, t: ZTranslation, url: string | null): RemoteArticle => ({
    id,
    url: t.html_url ?? url,
    title: t.title,
    body: t.body ?? '',
  });

  return {
    async test() {
      const [sections, groups] = await Promise.all([
        all<{ id: number; name: string }>('help_center/sections.json', 'sections'),
        all<{ id: number; name: string }>('guide/permission_groups.json', 'permission_groups'),
      ]);
      return {
        ok: true,
        summary: `Zendesk Guide ${subdomain}: ${sections.length} sections, ${groups.length} permission groups.`,
        choices: {
          sectionId: sections.map((x) => ({ value: String(x.id), label: x.name })),
          permissionGroupId: groups.map((x) => ({ value: String(x.id), label: x.name })),
        },
      };
    },
    async read(id) {
      try {
        const { body } = await api.get<{ translation: ZTranslation }>(`help_center/articles/${id}/translations/${locale}.json`);
        return fromTranslation(id, body.translation, null);
      } catch (error) {
        if (error instanceof HelpdeskError && error.failure === 'not_found') return null;
        throw error;
      }
    },
    async create(a: ExportArticle) {
      const section = requireSetting(s, 'sectionId', 'section', vendor);
      const group = requireSetting(s, 'permissionGroupId', 'permission group', vendor);
      const { body } = await api.post<{ article: ZArticle }>(`help_center/sections/${section}/articles.json`, {
        article: {
          title: a.title,
          body: a.helpCenterHtml,
          locale,
          permission_group_id: Number(group),
          user_segment_id: null,
          draft,
          label_names: a.tags,
        },
      });
      return { id: String(body.article.id), url: body.article.html_url, title: body.article.title, body: body.article.body ?? '' };
    },
    async findByTitle(a) {
      const section = requireSetting(s, 'sectionId', 'section', vendor);
      const found = (await all<ZArticle>(`help_center/sections/${section}/articles.json`, 'articles')).find((x) => x.title === a.title);
      return found ? { id: String(found.id), url: found.html_url, title: found.title, body: found.body ?? '' } : null;
    },
    async update(id, a) {
      const { body } = await api.put<{ translation: ZTranslation }>(`help_center/articles/${id}/translations/${locale}.json`, {
        translation: { title: a.title, body: a.helpCenterHtml, draft },
      });
      const article = await api.put<{ article: ZArticle }>(`help_center/articles/${id}.json`, { article: { label_names: a.tags } });
      return fromTranslation(id, body.translation, article.body.article.html_url);
    },
    readable: htmlToText,
  };
}
