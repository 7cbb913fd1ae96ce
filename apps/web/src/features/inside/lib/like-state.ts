/**
 * The like button's state, updated optimistically. `confirmed` is what the server last said; `liked` is
 * what the person asked for, shown at once. The count shown is the confirmed count moved by the
 * difference. A failure goes back to the confirmed state; a response for a request that has since been
 * overtaken (a second click) only updates the confirmed state.
 */
export interface LikeState {
  confirmed: { likeCount: number; likedByMe: boolean };
  liked: boolean;
  /** Requests sent and not answered yet. */
  pending: number;
}

export type LikeAction =
  | { type: 'toggle' }
  | { type: 'settled'; likeCount: number; likedByMe: boolean }
  | { type: 'failed' }
  | { type: 'reset'; likeCount: number; likedByMe: boolean };

export function initialLikeState(likeCount: number, likedByMe: boolean): LikeState {
  return { confirmed: { likeCount, likedByMe }, liked: likedByMe, pending: 0 };
}

export function likeReducer(state: LikeState, action: LikeAction): LikeState {
  switch (action.type) {
    case 'toggle':
      return { ...state, liked: !state.liked, pending: state.pending + 1 };
    case 'settled': {
      const pending = Math.max(0, state.pending - 1);
      const confirmed = { likeCount: action.likeCount, likedByMe: action.likedByMe };
      // The last answer decides; an earlier one keeps what the person asked for since.
      return { confirmed, liked: pending === 0 ? action.likedByMe : state.liked, pending };
    }
    case 'failed': {
      const pending = Math.max(0, state.pending - 1);
      return { ...state, liked: state.confirmed.likedByMe, pending };
    }
    case 'reset':
      // New data from the server (a refetch): adopt it unless a request is still out.
      return state.pending > 0 ? state : initialLikeState(action.likeCount, action.likedByMe);
  }
}

/** What the button shows. */
export function likeView(state: LikeState): { likeCount: number; likedByMe: boolean } {
  const { likeCount, likedByMe } = state.confirmed;
  const delta = state.liked === likedByMe ? 0 : state.liked ? 1 : -1;
  return { likeCount: Math.max(0, likeCount + delta), likedByMe: state.liked };
}
