import { describe, expect, it } from 'vitest';
import { checkFile } from './file-upload-form';

const MB = 1024 * 1024;

describe('checkFile', () => {
  it('accepts PDFs and images up to the limit', () => {
    expect(checkFile({ name: 'passeport.pdf', size: MB, type: 'application/pdf' }, 10 * MB)).toBeNull();
    expect(checkFile({ name: 'photo.jpg', size: 10 * MB, type: 'image/jpeg' }, 10 * MB)).toBeNull();
    // HEIC often comes without a type: the extension decides.
    expect(checkFile({ name: 'IMG_0001.HEIC', size: MB, type: '' }, 10 * MB)).toBeNull();
  });

  it('tells what is wrong before sending', () => {
    expect(checkFile(null, 10 * MB)).toBe('noFile');
    expect(checkFile({ name: 'vide.pdf', size: 0, type: 'application/pdf' }, 10 * MB)).toBe('empty');
    expect(checkFile({ name: 'gros.pdf', size: 10 * MB + 1, type: 'application/pdf' }, 10 * MB)).toBe(
      'tooLarge',
    );
    expect(checkFile({ name: 'notes.docx', size: MB, type: 'application/msword' }, 10 * MB)).toBe(
      'wrongType',
    );
    expect(checkFile({ name: 'script.exe', size: MB, type: '' }, 10 * MB)).toBe('wrongType');
  });
});
