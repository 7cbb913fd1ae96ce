import { buffer } from 'node:stream/consumers';
import yauzl from 'yauzl';

/** The entries of a ZIP the API answered or stored: name → content. */
export function unzip(zip: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true }, (error, file) => {
      if (error) return reject(error);
      const entries = new Map<string, Buffer>();
      file.on('entry', (entry: yauzl.Entry) => {
        file.openReadStream(entry, (openError, stream) => {
          if (openError) return reject(openError);
          buffer(stream).then((content) => {
            entries.set(entry.fileName, content);
            file.readEntry();
          }, reject);
        });
      });
      file.once('end', () => resolve(entries));
      file.once('error', reject);
      file.readEntry();
    });
  });
}
