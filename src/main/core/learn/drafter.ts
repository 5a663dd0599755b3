import type { DrafterConfig } from '../../../shared/domain/draft';
import { llmDraft, ollamaClient, openAiClient } from '../draft/llm';
import type { JobContext } from '../jobs/context';
import { getSetting } from '../system/settings';
import { extractiveDrafter, type Drafter } from './topics';

export const DEFAULT_DRAFTER: DrafterConfig = { provider: 'extractive' };
/** The secret holding the key of an OpenAI-compatible endpoint. */
export const DRAFTING_KEY = 'drafting.apiKey';

/** The drafter the workspace chose (or `config`); the job's secrets carry a cloud key, which never touches SQLite. */
export function drafterFor(ctx: JobContext<unknown, unknown>, config = getSetting<DrafterConfig>(ctx.db, 'drafting.config', DEFAULT_DRAFTER)): Drafter {
  if (config.provider === 'extractive') return extractiveDrafter;
  const client = config.provider === 'ollama' ? ollamaClient(config) : openAiClient(config, ctx.secrets[DRAFTING_KEY]);
  return (evidence, extractive) => llmDraft(client, evidence, extractive);
}
