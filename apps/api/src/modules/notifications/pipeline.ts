import type { TChannelChoice, TNotificationPreferences } from '@capitune/contracts';
import { isQuiet, nextDailyDigest, nextLocalHour, quietHoursEnd } from './pipeline-time';

/** What the pipeline decided for one channel of one notification. */
export type ChannelPlan =
  | { send: false }
  | { send: true; status: 'now' }
  | { send: true; status: 'waiting'; reason: 'quiet_hours' | 'digest_hourly' | 'digest_daily'; dueAt: Date };

export interface ChannelPlans {
  inApp: boolean;
  email: ChannelPlan;
  push: ChannelPlan;
  sms: ChannelPlan;
}

/**
 * The one decision of the pipeline, from the person's preferences for this kind of event, their quiet
 * hours and digest (on their own clock, `timeZone`), and what can reach them:
 * - in-app: as the kind says, never held;
 * - email: as the kind says (and when the caller wrote one); `immediate` leaves now, `hourly`/`daily`
 *   waits for the next top of the hour / 08:00 local. Email is NOT held by quiet hours: it does not wake
 *   anyone, and the digest is the way to gather it;
 * - web push and text message: as the kind says, when the person has a subscribed device / a verified
 *   number not stopped; within the quiet hours they wait for the end.
 */
export function planChannels(input: {
  preferences: TNotificationPreferences;
  choice: TChannelChoice;
  now: Date;
  timeZone: string;
  hasEmail: boolean;
  hasPush: boolean;
  hasPhone: boolean;
}): ChannelPlans {
  const { preferences, choice, now, timeZone } = input;
  const quiet = preferences.quietHours && isQuiet(now, timeZone, preferences.quietHours);
  const interrupting = (on: boolean): ChannelPlan => {
    if (!on) return { send: false };
    if (quiet && preferences.quietHours)
      return {
        send: true,
        status: 'waiting',
        reason: 'quiet_hours',
        dueAt: quietHoursEnd(now, timeZone, preferences.quietHours),
      };
    return { send: true, status: 'now' };
  };
  let email: ChannelPlan = { send: false };
  if (choice.email && input.hasEmail) {
    if (preferences.digest === 'hourly')
      email = { send: true, status: 'waiting', reason: 'digest_hourly', dueAt: nextLocalHour(now, timeZone) };
    else if (preferences.digest === 'daily')
      email = {
        send: true,
        status: 'waiting',
        reason: 'digest_daily',
        dueAt: nextDailyDigest(now, timeZone),
      };
    else email = { send: true, status: 'now' };
  }
  return {
    inApp: choice.inApp,
    email,
    push: interrupting(choice.push && input.hasPush),
    sms: interrupting(choice.sms && input.hasPhone),
  };
}
