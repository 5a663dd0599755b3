// Entry of a worker thread when Tideline runs from its TypeScript sources (CLI, browser mode,
// tests): registers tsx inside the thread, then loads the module named last on its command line.
import { pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

register();
await import(pathToFileURL(process.argv[process.argv.length - 1]).href);
