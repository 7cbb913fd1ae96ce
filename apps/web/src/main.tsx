import './lib/zod-csp';
import './styles.css';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppProviders, createQueryClient } from './app/providers';
import { createAppRouter } from './app/router';
import { session, startSession } from './lib/auth';
import { initI18n } from './lib/i18n';

initI18n();
startSession();

const queryClient = createQueryClient();
const router = createAppRouter({ queryClient });

// Server data belongs to one person: forget it when they log out or someone else logs in.
let userId = session.getSnapshot().user?.id ?? null;
session.subscribe(() => {
  const { status, user } = session.getSnapshot();
  if (status === 'loading') return;
  const next = user?.id ?? null;
  if (next !== userId && userId !== null) queryClient.clear();
  userId = next;
});

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

createRoot(container).render(
  <StrictMode>
    <AppProviders queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProviders>
  </StrictMode>,
);
