import { defaultNotificationPreferences, type TNotificationPreferences } from '@capitune/contracts';
import { describe, expect, it } from 'vitest';
import { defaultQuietHours, toFormValues, toPreferences, ZNotificationForm } from './notification-form';

describe('the notification preferences form', () => {
  it('round-trips the API object, quiet hours off keeping times to offer', () => {
    const values = toFormValues(defaultNotificationPreferences);
    expect(values.quietEnabled).toBe(false);
    expect(values.quietHours).toEqual(defaultQuietHours);
    expect(toPreferences(values)).toEqual(defaultNotificationPreferences);
  });

  it('sends the quiet hours only when they are on, and the whole object', () => {
    const preferences: TNotificationPreferences = {
      ...structuredClone(defaultNotificationPreferences),
      quietHours: { start: '21:30', end: '06:45' },
      digest: 'daily',
    };
    const values = toFormValues(preferences);
    expect(values.quietEnabled).toBe(true);
    expect(toPreferences(values)).toEqual(preferences);
    expect(toPreferences({ ...values, quietEnabled: false }).quietHours).toBeNull();
  });

  it('refuses quiet hours that start when they end, on the end field, only when on', () => {
    const values = {
      ...toFormValues(defaultNotificationPreferences),
      quietHours: { start: '22:00', end: '22:00' },
    };
    expect(ZNotificationForm.safeParse(values).success).toBe(true);
    const result = ZNotificationForm.safeParse({ ...values, quietEnabled: true });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['quietHours', 'end']);
  });
});
