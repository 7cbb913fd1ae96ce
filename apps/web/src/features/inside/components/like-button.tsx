import { useEffect, useReducer } from 'react';
import { useTranslation } from 'react-i18next';
import { cn } from '../../../lib/cn';
import { type LikeTarget, useSetLike } from '../api/set-like';
import { initialLikeState, likeReducer, likeView } from '../lib/like-state';
import { HeartIcon } from './inside-icons';

/**
 * A like toggle (`aria-pressed`), updated at once and put back if the request fails. `onError` reports
 * the failure (a translated alert next to it, say).
 */
export function LikeButton({
  target,
  targetId,
  likeCount,
  likedByMe,
  disabled,
  onChange,
  onError,
}: {
  target: LikeTarget;
  targetId: string;
  likeCount: number;
  likedByMe: boolean;
  /** Anonymous or unverified: the count is shown, the button does nothing. */
  disabled?: boolean;
  onChange?: (state: { likeCount: number; likedByMe: boolean }) => void;
  onError?: (error: unknown) => void;
}) {
  const { t, i18n } = useTranslation('inside');
  const like = useSetLike();
  const [state, dispatch] = useReducer(likeReducer, initialLikeState(likeCount, likedByMe));
  const view = likeView(state);

  useEffect(() => {
    dispatch({ type: 'reset', likeCount, likedByMe });
  }, [likeCount, likedByMe]);

  async function toggle() {
    if (disabled) return;
    const wanted = !view.likedByMe;
    dispatch({ type: 'toggle' });
    try {
      const result = await like.mutateAsync({ target, targetId, liked: wanted });
      dispatch({ type: 'settled', ...result });
      onChange?.(result);
    } catch (error) {
      dispatch({ type: 'failed' });
      onError?.(error);
    }
  }

  const count = new Intl.NumberFormat(i18n.language).format(view.likeCount);
  return (
    <button
      type="button"
      aria-pressed={view.likedByMe}
      aria-disabled={disabled || undefined}
      aria-label={t('like.label', { count: view.likeCount })}
      title={disabled ? t('like.signIn') : undefined}
      onClick={() => void toggle()}
      className={cn(
        'inline-flex min-h-11 items-center gap-2 rounded-lg px-3 font-medium ring-1 ring-inset transition-colors',
        view.likedByMe
          ? 'bg-maple-50 text-maple-700 ring-maple-100 hover:bg-maple-100'
          : 'bg-white text-slate-800 ring-slate-300 hover:bg-slate-50',
        disabled && 'cursor-not-allowed opacity-70',
      )}
    >
      <HeartIcon className="size-5" filled={view.likedByMe} />
      <span aria-hidden="true">{t('like.like')}</span>
      <span aria-hidden="true" className="tabular-nums">
        {count}
      </span>
    </button>
  );
}
