import { QueryClient } from '@tanstack/react-query';
import { createMemoryHistory, createRouter } from '@tanstack/react-router';
import { describe, expect, it } from 'vitest';
import { pagePaths } from './page-paths';
import { routeTree } from './router';

describe('page paths', () => {
  it('list every page of the router, and nothing else', () => {
    const router = createRouter({
      routeTree,
      history: createMemoryHistory(),
      context: { queryClient: new QueryClient() },
    });
    const fromRouter = Object.keys(router.routesByPath).map((path) => path.replace(/(.)\/$/, '$1'));
    expect([...pagePaths].sort()).toEqual([...new Set(fromRouter)].sort());
  });
});
