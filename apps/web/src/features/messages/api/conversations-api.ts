import { ZConversationList } from '@capitune/contracts';
import { apiFetch } from '../../../lib/api-client';

export const listConversations = () => apiFetch('/api/conversations', { schema: ZConversationList });
