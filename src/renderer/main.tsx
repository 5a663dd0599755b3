import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { connectStore, useApp } from './stores/app';
import { connectTeam } from './stores/team';
import './styles.css';

connectStore();
void useApp.getState().load().then(connectTeam);
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
