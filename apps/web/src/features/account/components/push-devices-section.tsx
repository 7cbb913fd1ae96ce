import type { TPushSubscription } from '@capitune/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SaveStatus } from '../../../components/forms/save-status';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { Spinner } from '../../../components/ui/spinner';
import { formatDateTime } from '../../../lib/format';
import {
  currentPushSubscription,
  disablePushOnThisDevice,
  enablePushOnThisDevice,
  isPushSupported,
} from '../../../lib/push';
import { accountKeys } from '../api/keys';
import {
  deletePushSubscription,
  postPushSubscription,
  usePushSubscriptions,
  useRemovePushSubscription,
} from '../api/push-subscriptions';
import { ProfileSection } from './profile-section';

/**
 * Which of the API's devices is this browser: the id the API gave its subscription, kept beside the
 * endpoint (the API lists hosts, never endpoints).
 */
const THIS_DEVICE_KEY = 'capitune.push.thisDevice';

interface ThisDevice {
  id: string;
  endpoint: string;
}

function readThisDevice(): ThisDevice | null {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(THIS_DEVICE_KEY) ?? 'null');
    const device = value as Partial<ThisDevice> | null;
    return typeof device?.id === 'string' && typeof device.endpoint === 'string'
      ? { id: device.id, endpoint: device.endpoint }
      : null;
  } catch {
    return null;
  }
}

function writeThisDevice(device: ThisDevice | null) {
  try {
    if (device) localStorage.setItem(THIS_DEVICE_KEY, JSON.stringify(device));
    else localStorage.removeItem(THIS_DEVICE_KEY);
  } catch {
    // Private mode without storage: the device is still listed, it just is not marked as this one.
  }
}

type Outcome = 'enabled' | 'disabled' | 'removed' | 'denied' | 'dismissed' | null;

/** Web push: this browser's switch, and the person's subscribed devices with a way to remove each. */
export function PushDevicesSection({ timeZone }: { timeZone: string }) {
  const { t, i18n } = useTranslation('account');
  const queryClient = useQueryClient();
  const devices = usePushSubscriptions();
  const remove = useRemovePushSubscription();
  const supported = isPushSupported();
  const [thisDevice, setThisDevice] = useState<ThisDevice | null>(null);
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [error, setError] = useState<unknown>(null);

  // Whether this browser still holds the subscription it made (the person may have reset the site's data).
  useEffect(() => {
    if (!supported) return;
    let cancelled = false;
    void currentPushSubscription()
      .then((subscription) => {
        if (cancelled) return;
        const stored = readThisDevice();
        setThisDevice(subscription && stored?.endpoint === subscription.endpoint ? stored : null);
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [supported]);

  const items = devices.data?.items ?? [];
  const enabledHere = !!thisDevice && items.some((item) => item.id === thisDevice.id);
  const permissionDenied = supported && Notification.permission === 'denied';

  async function enable(vapidPublicKey: string) {
    setPending(true);
    setOutcome(null);
    setError(null);
    try {
      const result = await enablePushOnThisDevice(vapidPublicKey);
      if (result.status !== 'subscribed') {
        setOutcome(result.status);
        return;
      }
      const created = await postPushSubscription(result.body);
      const device = { id: created.id, endpoint: result.body.endpoint };
      writeThisDevice(device);
      setThisDevice(device);
      setOutcome('enabled');
    } catch (caught) {
      setError(caught);
    } finally {
      setPending(false);
      void queryClient.invalidateQueries({ queryKey: accountKeys.pushSubscriptions });
    }
  }

  async function disable() {
    setPending(true);
    setOutcome(null);
    setError(null);
    try {
      await disablePushOnThisDevice();
      if (thisDevice) await deletePushSubscription(thisDevice.id);
      writeThisDevice(null);
      setThisDevice(null);
      setOutcome('disabled');
    } catch (caught) {
      setError(caught);
    } finally {
      setPending(false);
      void queryClient.invalidateQueries({ queryKey: accountKeys.pushSubscriptions });
    }
  }

  function removeDevice(item: TPushSubscription) {
    setOutcome(null);
    setError(null);
    remove.mutate(item.id, {
      onSuccess: async () => {
        if (thisDevice?.id === item.id) {
          await disablePushOnThisDevice().catch(() => null);
          writeThisDevice(null);
          setThisDevice(null);
        }
        setOutcome('removed');
      },
    });
  }

  const outcomeText: Record<Exclude<Outcome, null>, string> = {
    enabled: t('notifications.push.enabled'),
    disabled: t('notifications.push.disabled'),
    removed: t('notifications.push.removed'),
    denied: t('notifications.push.blocked'),
    dismissed: t('notifications.push.dismissed'),
  };

  return (
    <ProfileSection id="push" title={t('notifications.push.title')} intro={t('notifications.push.intro')}>
      {devices.isPending ? (
        <Spinner label={t('loading')} />
      ) : devices.isError ? (
        <ServerErrorAlert error={devices.error} />
      ) : devices.data.vapidPublicKey === null ? (
        <p className="text-slate-700">{t('notifications.push.unavailable')}</p>
      ) : (
        <div className="flex flex-col gap-5">
          {!supported ? (
            <Alert tone="info" live={false}>
              {t('notifications.push.unsupported')}
            </Alert>
          ) : (
            <div className="flex flex-col gap-3">
              <p className="font-medium text-slate-900">
                {enabledHere ? t('notifications.push.onHere') : t('notifications.push.offHere')}
              </p>
              {permissionDenied && !enabledHere && (
                // Announced when the person just refused; on the page from the start otherwise.
                <Alert tone="warning" live={outcome === 'denied'}>
                  {t('notifications.push.blocked')}
                </Alert>
              )}
              <div className="flex flex-wrap gap-3">
                {enabledHere ? (
                  <Button variant="secondary" disabled={pending} onClick={() => void disable()}>
                    {t('notifications.push.disable')}
                  </Button>
                ) : (
                  <Button
                    disabled={pending || permissionDenied}
                    onClick={() => void enable(devices.data.vapidPublicKey as string)}
                  >
                    {t('notifications.push.enable')}
                  </Button>
                )}
              </div>
            </div>
          )}

          <div>
            <h3 className="font-semibold text-slate-900">{t('notifications.push.devices')}</h3>
            {items.length === 0 ? (
              <p className="mt-2 text-slate-700">{t('notifications.push.none')}</p>
            ) : (
              <ul className="mt-2 flex flex-col gap-3">
                {items.map((item) => (
                  <li
                    key={item.id}
                    className="flex flex-col gap-2 rounded-xl p-4 ring-1 ring-slate-200 ring-inset sm:flex-row sm:items-center sm:justify-between"
                  >
                    <div className="min-w-0">
                      <p className="font-medium text-slate-900">
                        {item.label}
                        {thisDevice?.id === item.id && (
                          <span className="ms-2 rounded-full bg-brand-50 px-2 py-0.5 font-medium text-brand-800 text-sm">
                            {t('notifications.push.thisDevice')}
                          </span>
                        )}
                      </p>
                      <p className="break-words text-slate-600 text-sm">
                        {t('notifications.push.deviceDetails', {
                          service: item.service,
                          since: formatDateTime(item.createdAt, i18n.language, timeZone),
                        })}
                      </p>
                    </div>
                    <Button
                      variant="secondary"
                      size="sm"
                      disabled={remove.isPending && remove.variables === item.id}
                      aria-label={t('notifications.push.removeNamed', { label: item.label })}
                      onClick={() => removeDevice(item)}
                    >
                      {t('notifications.push.remove')}
                    </Button>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
      )}
      <ServerErrorAlert error={error ?? remove.error} className="mt-4" />
      {outcome === 'dismissed' ? (
        <Alert tone="warning" className="mt-4">
          {outcomeText[outcome]}
        </Alert>
      ) : null}
      <div className="mt-3">
        <SaveStatus
          message={outcome && outcome !== 'denied' && outcome !== 'dismissed' ? outcomeText[outcome] : null}
        />
      </div>
    </ProfileSection>
  );
}
