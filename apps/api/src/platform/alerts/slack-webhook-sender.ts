import type { AdminAlertSender } from './admin-alert-sender';
import { slackPayload } from './slack-message';

/** Slack answers a webhook within a second or two; a post still waiting after this is retried by the job. */
const TIMEOUT_MS = 10_000;

/**
 * Alerts through a Slack incoming webhook (`SLACK_WEBHOOK_URL`): a POST of the message's JSON. Slack
 * answers 200 `ok`, or an error status with a short reason (`invalid_payload`, `no_service`…).
 */
export function createSlackWebhookSender(settings: { webhookUrl: string }): AdminAlertSender {
  return {
    available: true,
    async send(message) {
      const response = await fetch(settings.webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(slackPayload(message)),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      if (!response.ok) {
        // The reason is a word or two; the URL (a secret) is never part of the error.
        const reason = (await response.text().catch(() => '')).slice(0, 200);
        throw new Error(`Slack webhook refused the alert: HTTP ${response.status} ${reason}`.trim());
      }
      await response.body?.cancel();
    },
  };
}
