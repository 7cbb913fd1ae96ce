import type { AdminAlertMessage } from './admin-alert-sender';

/** Slack reads `&`, `<` and `>` as markup: a member's name must not turn into a link or a mention. */
export function escapeSlack(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/**
 * The message as Slack posts it, the same through the webhook and the Web API: `text` for notifications
 * and clients without blocks, Block Kit for the channel (the bilingual lines, then the admin page's link).
 */
export function slackPayload(message: AdminAlertMessage) {
  const link = `<${message.link}|${escapeSlack(message.link)}>`;
  return {
    text: `${escapeSlack(message.text)} ${link}`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: message.lines.map(escapeSlack).join('\n') } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: link }] },
    ],
  };
}
