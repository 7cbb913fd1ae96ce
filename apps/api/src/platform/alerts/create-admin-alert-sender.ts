import type { Config } from '../../config';
import { type AdminAlertSender, noAdminAlertSender } from './admin-alert-sender';
import { createSlackWebApiSender } from './slack-web-api-sender';
import { createSlackWebhookSender } from './slack-webhook-sender';

/** The adapter the configuration asks for: the Slack Web API, an incoming webhook, or none. */
export function createAdminAlertSender(config: Pick<Config, 'slack'>): AdminAlertSender {
  const { slack } = config;
  if (slack?.botToken)
    return createSlackWebApiSender({ botToken: slack.botToken, channelId: slack.channelId });
  if (slack?.webhookUrl) return createSlackWebhookSender({ webhookUrl: slack.webhookUrl });
  return noAdminAlertSender;
}
