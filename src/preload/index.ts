import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../shared/api/events';

/** The whole surface the page gets: call a contract method, listen to pushed events. */
const api = {
  invoke: (method: string, input: unknown) => ipcRenderer.invoke(IPC_INVOKE_CHANNEL, method, input),
  on: (listener: (event: string, payload: unknown) => void) => {
    const handler = (_event: IpcRendererEvent, name: string, payload: unknown) => listener(name, payload);
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
    };
  },
};

export type PreloadApi = typeof api;

contextBridge.exposeInMainWorld('api', api);
