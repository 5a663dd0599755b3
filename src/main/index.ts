import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDesktopApp } from './electron/main';

void startDesktopApp(dirname(fileURLToPath(import.meta.url)));
