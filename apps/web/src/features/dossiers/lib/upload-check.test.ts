import { MAX_UPLOAD_BYTES } from '@capitune/contracts';
import { describe, expect, it } from 'vitest';
import { checkUpload } from './upload-check';

const file = (name: string, type: string, size = 1000) => ({ name, type, size });

describe('checkUpload', () => {
  it('lets PDFs and images through', () => {
    expect(checkUpload(file('passeport.pdf', 'application/pdf'))).toBeNull();
    expect(checkUpload(file('photo.JPG', 'image/jpeg'))).toBeNull();
    expect(checkUpload(file('scan.webp', 'image/webp'))).toBeNull();
    // HEIC often comes with no type at all: the extension decides.
    expect(checkUpload(file('IMG_0001.HEIC', ''))).toBeNull();
  });

  it('refuses other types, whatever the name says', () => {
    expect(
      checkUpload(file('cv.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')),
    ).toBe('FILE_TYPE_NOT_ALLOWED');
    expect(checkUpload(file('page.html', 'text/html'))).toBe('FILE_TYPE_NOT_ALLOWED');
    expect(checkUpload(file('script.pdf.exe', ''))).toBe('FILE_TYPE_NOT_ALLOWED');
    expect(checkUpload(file('noextension', ''))).toBe('FILE_TYPE_NOT_ALLOWED');
  });

  it('refuses files over 20 MB, and empty ones', () => {
    expect(checkUpload(file('big.pdf', 'application/pdf', MAX_UPLOAD_BYTES))).toBeNull();
    expect(checkUpload(file('big.pdf', 'application/pdf', MAX_UPLOAD_BYTES + 1))).toBe('PAYLOAD_TOO_LARGE');
    expect(checkUpload(file('empty.pdf', 'application/pdf', 0))).toBe('UPLOAD_INCOMPLETE');
  });
});
