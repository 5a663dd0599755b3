import { isFileExport } from '../../../../shared/domain/export';
import type { ExportSettings, Publisher, PublisherOptions } from '../publisher';
import { filePublisher } from './files';
import { freshdeskSolutionsPublisher } from './freshdesk-solutions';
import { helpScoutDocsPublisher } from './helpscout-docs';
import { intercomArticlesPublisher } from './intercom-articles';
import { zendeskGuidePublisher } from './zendesk-guide';

export function createPublisher(settings: ExportSettings, http: PublisherOptions = {}): Publisher {
  const { kind } = settings;
  if (isFileExport(kind)) return filePublisher({ ...settings, kind });
  switch (kind) {
    case 'zendesk':
      return zendeskGuidePublisher(settings, http);
    case 'intercom':
      return intercomArticlesPublisher(settings, http);
    case 'freshdesk':
      return freshdeskSolutionsPublisher(settings, http);
    case 'helpscout':
      return helpScoutDocsPublisher(settings, http);
  }
}
