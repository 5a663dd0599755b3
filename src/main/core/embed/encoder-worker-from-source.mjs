// Helper thread entry when Tideline runs from its TypeScript sources (CLI, browser mode, tests):
// registers tsx inside the thread, then loads the real entry.
import { register } from 'tsx/esm/api';

register();
await import('./encoder-worker.ts');
