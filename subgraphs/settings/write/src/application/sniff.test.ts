import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sniffContentType } from './sniff';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

describe('sniffContentType', () => {
  it('reads the type from the bytes: a PNG signature is image/png, a PE executable is not', async () => {
    assert.equal(await sniffContentType(PNG), 'image/png');
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]);
    assert.equal(await sniffContentType(exe), 'application/x-msdownload');
  });

  it('UTF-8 text without control characters is text/plain; other unknown bytes are null', async () => {
    assert.equal(await sniffContentType(Buffer.from('name;tier\nΑλέξης;gold\n')), 'text/plain');
    assert.equal(await sniffContentType(Buffer.from([0x00, 0x01, 0x02, 0xff])), null);
    assert.equal(await sniffContentType(Buffer.from([0xc3, 0x28])), null);
  });
});
