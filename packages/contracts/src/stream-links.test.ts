import { describe, expect, it } from 'vitest';
import { parseStreamLink } from './stream-links';

describe('parseStreamLink', () => {
  it.each([
    ['https://www.youtube.com/watch?v=dQw4w9WgXcQ', 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ'],
    ['https://youtube.com/watch?v=dQw4w9WgXcQ&t=42s', 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ'],
    ['https://m.youtube.com/watch?v=dQw4w9WgXcQ', 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ'],
    ['https://youtu.be/dQw4w9WgXcQ?si=abc', 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ'],
    [
      'https://www.youtube.com/live/dQw4w9WgXcQ?feature=share',
      'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ',
    ],
    ['https://www.youtube.com/embed/dQw4w9WgXcQ', 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ'],
    ['  https://WWW.YOUTUBE.COM/watch?v=dQw4w9WgXcQ  ', 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ'],
  ])('turns the YouTube link %s into the no-cookie player', (link, url) => {
    expect(parseStreamLink(link)).toEqual({ provider: 'youtube', kind: 'embed', url });
  });

  it.each([
    ['https://vimeo.com/76979871', 'https://player.vimeo.com/video/76979871'],
    ['https://player.vimeo.com/video/76979871?h=abc', 'https://player.vimeo.com/video/76979871'],
    ['https://vimeo.com/event/1234567', 'https://vimeo.com/event/1234567/embed'],
    ['https://vimeo.com/event/1234567/embed', 'https://vimeo.com/event/1234567/embed'],
  ])('turns the Vimeo link %s into its player', (link, url) => {
    expect(parseStreamLink(link)).toEqual({ provider: 'vimeo', kind: 'embed', url });
  });

  it('gives join buttons for Zoom, Teams and Google Meet, keeping only what is needed', () => {
    expect(parseStreamLink('https://us02web.zoom.us/j/85012345678?pwd=AbC.123&utm_source=x')).toEqual({
      provider: 'zoom',
      kind: 'join',
      url: 'https://us02web.zoom.us/j/85012345678?pwd=AbC.123',
    });
    expect(parseStreamLink('https://zoom.us/w/98765432101?tk=tok_en-1')).toEqual({
      provider: 'zoom',
      kind: 'join',
      url: 'https://zoom.us/w/98765432101?tk=tok_en-1',
    });
    expect(
      parseStreamLink(
        'https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0?context=%7b%7d',
      ),
    ).toEqual({
      provider: 'teams',
      kind: 'join',
      url: 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0?context=%7b%7d',
    });
    expect(parseStreamLink('https://meet.google.com/abc-defg-hij')).toEqual({
      provider: 'google_meet',
      kind: 'join',
      url: 'https://meet.google.com/abc-defg-hij',
    });
  });

  it.each([
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'http://www.youtube.com/watch?v=dQw4w9WgXcQ',
    'https://user:pass@www.youtube.com/watch?v=dQw4w9WgXcQ',
    'https://www.youtube.com:8443/watch?v=dQw4w9WgXcQ',
    'https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ',
    'https://evilyoutube.com/watch?v=dQw4w9WgXcQ',
    'https://www.youtube.com/watch?v=short',
    'https://www.youtube.com/watch?v=dQw4w9WgXcQ"><script>',
    'https://www.youtube.com/channel/UC123',
    'https://youtu.be/dQw4w9WgXcQ/extra',
    'https://vimeo.com/channels/staffpicks',
    'https://vimeo.com.evil.example/76979871',
    'https://evil.zoom.us.example.com/j/85012345678',
    'https://a.b.zoom.us/j/85012345678',
    'https://zoom.us/s/85012345678',
    'https://teams.microsoft.com.evil.example/l/meetup-join/x',
    'https://teams.microsoft.com/',
    'https://meet.google.com/not-a-meet-code',
    'https://meet.google.com.evil.example/abc-defg-hij',
    'https://example.com/webinar',
    'ftp://vimeo.com/76979871',
    'not a url',
    '',
  ])('refuses %s', (link) => {
    expect(parseStreamLink(link)).toBeNull();
  });
});
