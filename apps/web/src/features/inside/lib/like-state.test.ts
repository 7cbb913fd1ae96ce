import { describe, expect, it } from 'vitest';
import { initialLikeState, likeReducer, likeView } from './like-state';

describe('likeReducer', () => {
  it('shows a like at once and keeps it when the server agrees', () => {
    let state = likeReducer(initialLikeState(4, false), { type: 'toggle' });
    expect(likeView(state)).toEqual({ likeCount: 5, likedByMe: true });
    state = likeReducer(state, { type: 'settled', likeCount: 5, likedByMe: true });
    expect(likeView(state)).toEqual({ likeCount: 5, likedByMe: true });
    expect(state.pending).toBe(0);
  });

  it('rolls back on failure', () => {
    let state = likeReducer(initialLikeState(1, true), { type: 'toggle' });
    expect(likeView(state)).toEqual({ likeCount: 0, likedByMe: false });
    state = likeReducer(state, { type: 'failed' });
    expect(likeView(state)).toEqual({ likeCount: 1, likedByMe: true });
  });

  it('keeps the latest wish while an earlier answer arrives', () => {
    let state = initialLikeState(2, false);
    state = likeReducer(state, { type: 'toggle' }); // like
    state = likeReducer(state, { type: 'toggle' }); // unlike
    state = likeReducer(state, { type: 'settled', likeCount: 3, likedByMe: true }); // answer to the like
    expect(likeView(state)).toEqual({ likeCount: 2, likedByMe: false });
    state = likeReducer(state, { type: 'settled', likeCount: 2, likedByMe: false });
    expect(likeView(state)).toEqual({ likeCount: 2, likedByMe: false });
  });

  it('counts others’ likes from the server', () => {
    let state = likeReducer(initialLikeState(10, false), { type: 'toggle' });
    state = likeReducer(state, { type: 'settled', likeCount: 13, likedByMe: true });
    expect(likeView(state)).toEqual({ likeCount: 13, likedByMe: true });
  });

  it('adopts refetched data only when nothing is pending', () => {
    const pending = likeReducer(initialLikeState(0, false), { type: 'toggle' });
    expect(likeReducer(pending, { type: 'reset', likeCount: 7, likedByMe: false })).toBe(pending);
    const idle = initialLikeState(0, false);
    expect(likeView(likeReducer(idle, { type: 'reset', likeCount: 7, likedByMe: true }))).toEqual({
      likeCount: 7,
      likedByMe: true,
    });
  });

  it('never shows a negative count', () => {
    const state = likeReducer(initialLikeState(0, true), { type: 'toggle' });
    expect(likeView(state).likeCount).toBe(0);
  });
});
