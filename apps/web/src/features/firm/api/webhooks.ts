import {
  type TWebhookEndpoint,
  type TWebhookEndpointBody,
  ZWebhookDeliveryPage,
  ZWebhookEndpoint,
  ZWebhookEndpointList,
  type ZWebhookEndpointUpdate,
  ZWebhookEndpointWithSecret,
} from '@capitune/contracts';
import {
  infiniteQueryOptions,
  queryOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { z } from 'zod';
import { apiFetch } from '../../../lib/api-client';
import { firmPath, myFirmKey } from './keys';

/*
 * The firm's outgoing webhooks (`/api/firms/{id}/webhooks…`): its licensees register https endpoints,
 * rotate their secrets, send a test and read each endpoint's deliveries. Creating an endpoint and rotating
 * its secret ask the licensee to confirm it is them (the API client opens the step-up dialog).
 */

/** Under the firm: dropped with the rest of the person's data when the user changes. */
export const webhookKeys = {
  all: (firmId: string) => [...myFirmKey, firmId, 'webhooks'] as const,
  deliveries: (firmId: string, webhookId: string) =>
    [...myFirmKey, firmId, 'webhooks', webhookId, 'deliveries'] as const,
};

const webhookPath = (firmId: string, rest = '') => firmPath(firmId, `/webhooks${rest}`);
const endpointPath = (firmId: string, webhookId: string, rest = '') =>
  webhookPath(firmId, `/${encodeURIComponent(webhookId)}${rest}`);

export const webhooksQuery = (firmId: string) =>
  queryOptions({
    queryKey: webhookKeys.all(firmId),
    queryFn: () => apiFetch(webhookPath(firmId), { schema: ZWebhookEndpointList }),
  });

/** The firm's endpoints, oldest first as the API lists them. */
export const useWebhooks = (firmId: string) => useQuery(webhooksQuery(firmId));

export const deliveriesQuery = (firmId: string, webhookId: string) =>
  infiniteQueryOptions({
    queryKey: webhookKeys.deliveries(firmId, webhookId),
    queryFn: ({ pageParam }) =>
      apiFetch(
        endpointPath(
          firmId,
          webhookId,
          `/deliveries${pageParam ? `?cursor=${encodeURIComponent(pageParam)}` : ''}`,
        ),
        { schema: ZWebhookDeliveryPage },
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });

/** One endpoint's deliveries, newest first, a keyset page at a time ("load more"). */
export const useWebhookDeliveries = (firmId: string, webhookId: string) =>
  useInfiniteQuery({
    ...deliveriesQuery(firmId, webhookId),
    // While a delivery is on its way, the log follows it (every 3 seconds, until none is pending).
    refetchInterval: (query) =>
      query.state.data?.pages.some((page) => page.items.some((item) => item.status === 'pending'))
        ? 3000
        : false,
  });

function useRefreshWebhooks(firmId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: webhookKeys.all(firmId) });
}

/** `POST …/webhooks`: answered once with the endpoint's secret. */
export function useCreateWebhook(firmId: string) {
  const refresh = useRefreshWebhooks(firmId);
  return useMutation({
    mutationFn: (body: TWebhookEndpointBody) =>
      apiFetch(webhookPath(firmId), { method: 'POST', body, schema: ZWebhookEndpointWithSecret }),
    onSuccess: () => refresh(),
  });
}

/** `PATCH …/webhooks/{wid}`: the events, the description, or enabled/disabled. */
export function useUpdateWebhook(firmId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ webhookId, body }: { webhookId: string; body: z.input<typeof ZWebhookEndpointUpdate> }) =>
      apiFetch(endpointPath(firmId, webhookId), { method: 'PATCH', body, schema: ZWebhookEndpoint }),
    onSuccess: (saved) =>
      queryClient.setQueryData(webhookKeys.all(firmId), (list: { items: TWebhookEndpoint[] } | undefined) =>
        list ? { items: list.items.map((item) => (item.id === saved.id ? saved : item)) } : list,
      ),
  });
}

export function useDeleteWebhook(firmId: string) {
  const refresh = useRefreshWebhooks(firmId);
  return useMutation({
    mutationFn: (webhookId: string) => apiFetch(endpointPath(firmId, webhookId), { method: 'DELETE' }),
    onSuccess: () => refresh(),
  });
}

/** `POST …/rotate-secret`: the new secret, answered once; the old one still signs for `overlapHours`. */
export function useRotateWebhookSecret(firmId: string) {
  const refresh = useRefreshWebhooks(firmId);
  return useMutation({
    mutationFn: ({ webhookId, overlapHours }: { webhookId: string; overlapHours: number }) =>
      apiFetch(endpointPath(firmId, webhookId, '/rotate-secret'), {
        method: 'POST',
        body: { overlapHours },
        schema: ZWebhookEndpointWithSecret,
      }),
    onSuccess: () => refresh(),
  });
}

/** `POST …/test`: queues a `webhook.test` delivery; the log shows it. */
export function useSendWebhookTest(firmId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (webhookId: string) => apiFetch(endpointPath(firmId, webhookId, '/test'), { method: 'POST' }),
    onSuccess: (_, webhookId) =>
      queryClient.invalidateQueries({ queryKey: webhookKeys.deliveries(firmId, webhookId) }),
  });
}

/** `POST …/deliveries/{did}/retry`: sends a delivered or failed delivery again (409 while one is pending). */
export function useRetryWebhookDelivery(firmId: string, webhookId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (deliveryId: string) =>
      apiFetch(endpointPath(firmId, webhookId, `/deliveries/${encodeURIComponent(deliveryId)}/retry`), {
        method: 'POST',
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhookKeys.deliveries(firmId, webhookId) }),
  });
}
