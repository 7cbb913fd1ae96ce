/**
 * The face of the admin-alerts module: what the admins' Slack channel is told (a verification request, a
 * wave of flags, a failed job, a broken audit chain). Alerts are rows of `admin_alerts`, written in the
 * transaction of what causes them, and sent by the `admin.alert-send` job.
 */
export {
  type AdminAlert,
  type AdminAlertDeps,
  type AdminAlertKind,
  ALERT_SEND_QUEUE,
  FAILED_JOBS_QUEUE,
  raiseAdminAlert,
  raiseFailedJobAlerts,
  sendAdminAlert,
} from './admin-alerts.service';
