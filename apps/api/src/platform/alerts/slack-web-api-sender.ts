import { WebClient } from '@slack/web-api';
import type { AdminAlertSender } from './admin-alert-sender';
import { slackPayload } from './slack-message';

const TIMEOUT_MS = 10_000;

/**
 * Alerts through Slack's Web API (`chat.postMessage`) with the `@slack/web-api` client, as a bot
 * (`SLACK_BOT_TOKEN`, scope `chat:write`, invited to `SLACK_CHANNEL_ID`). The client's own retries are
 * turned off: the `admin.alert-send` job retries, and records each failure on the alert. `slackApiUrl`
 * points the client elsewhere (the tests' local stand-in).
 */
export function createSlackWebApiSender(
  settings: { botToken: string; channelId: string },
  options: { slackApiUrl?: string } = {},
): AdminAlertSender {
  const client = new WebClient(settings.botToken, {
    timeout: TIMEOUT_MS,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}),
  });
  return {
    available: true,
    async send(message) {
      try {
        await client.chat.postMessage({ channel: settings.channelId, ...slackPayload(message) });
      } catch (error) {
        // The client's errors carry the request (its token in the headers): only Slack's word is kept.
        const data = (error as { data?: { error?: unknown } }).data;
        const code = (error as { code?: unknown }).code;
        throw new Error(
          `Slack Web API refused the alert: ${typeof data?.error === 'string' ? data.error : String(code ?? 'unknown error')}`,
        );
      }
    },
  };
}
