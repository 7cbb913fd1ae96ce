import { afterEach, describe, expect, it, vi } from 'vitest';
import { requestStepUp, setStepUpHandler } from './step-up';

let remove: (() => void) | undefined;
afterEach(() => {
  remove?.();
  remove = undefined;
});

describe('requestStepUp', () => {
  it('answers false at once when no dialog is there to ask', async () => {
    await expect(requestStepUp(['password'])).resolves.toBe(false);
  });

  it('asks the dialog with the methods it knows, and passes its answer on', async () => {
    const handler = vi.fn(async () => true);
    remove = setStepUpHandler(handler);
    await expect(requestStepUp(['totp', 'carrier_pigeon', 'password'])).resolves.toBe(true);
    expect(handler).toHaveBeenCalledWith(['totp', 'password']);
  });

  it('shares one dialog among requests refused together, then asks again for the next', async () => {
    let answer: (proven: boolean) => void = () => undefined;
    const handler = vi.fn(() => new Promise<boolean>((resolve) => (answer = resolve)));
    remove = setStepUpHandler(handler);
    const first = requestStepUp(['totp']);
    const second = requestStepUp(['totp']);
    answer(false);
    await expect(Promise.all([first, second])).resolves.toEqual([false, false]);
    expect(handler).toHaveBeenCalledTimes(1);

    const third = requestStepUp(['totp']);
    answer(true);
    await expect(third).resolves.toBe(true);
    expect(handler).toHaveBeenCalledTimes(2);
  });

  it('stops asking a dialog once it is removed', async () => {
    const handler = vi.fn(async () => true);
    setStepUpHandler(handler)();
    await expect(requestStepUp(['password'])).resolves.toBe(false);
    expect(handler).not.toHaveBeenCalled();
  });
});
