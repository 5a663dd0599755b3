import type { DrafterConfig } from '../../../shared/domain/draft';
import { llmDraft, ollamaClient, openAiClient, type LlmClient } from '../draft/llm';
import type { JobContext } from '../jobs/context';
import { redactionTotals } from '../draft/evidence';
import { preflight, withEgress } from '../privacy/egress';
import { getSetting } from '../system/settings';
import { extractiveDrafter, type Drafter } from './topics';

export const DEFAULT_DRAFTER: DrafterConfig = { provider: 'extractive' };
/** The secret holding the key of an OpenAI-compatible endpoint. */
export const DRAFTING_KEY = 'drafting.apiKey';

/**
 * Where an LLM drafter's requests go and as what. An OpenAI-compatible endpoint counts as a
 * cloud model even on a local address (a tunnel looks local): the lead allows it by name.
 * Ollama is local where it runs on this computer (the guard checks the address).
 */
export function drafterEndpoint(config: DrafterConfig, call: 'chat' | 'models'): { role: 'local-model' | 'cloud-llm'; url: URL } {
  if (config.provider === 'ollama')
    return { role: 'local-model', url: new URL(`${config.host ?? 'http://127.0.0.1:11434'}/api/${call === 'chat' ? 'chat' : 'tags'}`) };
  return {
    role: 'cloud-llm',
    url: new URL(`${config.baseUrl ?? 'https://api.openai.com/v1'}/${call === 'chat' ? 'chat/completions' : 'models'}`),
  };
}

export function llmClientFor(config: DrafterConfig, apiKey: string | undefined): LlmClient {
  return config.provider === 'ollama' ? ollamaClient(config) : openAiClient(config, apiKey);
}

/**
 * The drafter the workspace chose (or `config`); the job's secrets carry a cloud key, which
 * never touches SQLite. Each model call is declared to the egress guard with the draft it is
 * for (when it exists already) and what redaction removed from the evidence.
 */
export function drafterFor(
  ctx: JobContext<unknown, unknown>,
  config = getSetting<DrafterConfig>(ctx.db, 'drafting.config', DEFAULT_DRAFTER),
  draftId: number | null = null,
): Drafter {
  if (config.provider === 'extractive') return extractiveDrafter;
  const client = llmClientFor(config, ctx.secrets[DRAFTING_KEY]);
  const { role, url: endpoint } = drafterEndpoint(config, 'chat');
  return async (evidence, extractive) => {
    const logged: number[] = [];
    const scope = {
      db: ctx.db,
      role,
      purpose: `Draft “${extractive.title}” with ${client.name}`,
      draftId,
      redactions: redactionTotals(evidence),
      logged,
    } as const;
    const text = await withEgress({ ...scope, logged }, () => {
      preflight(endpoint);
      return llmDraft(client, evidence, extractive);
    });
    return { ...text, egress: logged };
  };
}
