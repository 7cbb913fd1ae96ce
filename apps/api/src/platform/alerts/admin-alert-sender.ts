/** One alert as the admins' channel shows it: a line in French and English, and the admin page it concerns. */
export interface AdminAlertMessage {
  /** Plain text: the notification's preview, and what channels without blocks show. */
  text: string;
  /** The bilingual lines (`Nouvelle demande… / New request…`), one per language. */
  lines: readonly string[];
  /** Absolute URL of the admin page (PUBLIC_URL + path). */
  link: string;
}

/**
 * Posts alerts to the admins' Slack channel. One adapter per setting: an incoming webhook, the Web API
 * (a bot token and a channel), or none (alerts stay in `admin_alerts`, read by admins in the console).
 */
export interface AdminAlertSender {
  /** Whether alerts leave the installation at all: false without Slack settings (no job is queued). */
  readonly available: boolean;
  /** Posts one alert; throws when Slack does not take it (the job retries). */
  send(message: AdminAlertMessage): Promise<void>;
}

/** No Slack settings: alerts are only kept in the table. */
export const noAdminAlertSender: AdminAlertSender = {
  available: false,
  async send() {
    throw new Error(
      'No Slack destination is configured for admin alerts (SLACK_WEBHOOK_URL or SLACK_BOT_TOKEN)',
    );
  },
};
