// The data converter every worker and client uses: encrypting codec for payloads and for failure messages.
import type { DataConverter } from '@temporalio/common';
import { EncryptionCodec } from './codec';
import { type CodecKey } from '../crypto/keyring';

/** `refusePlaintext`: the worker's converter, where an unencrypted payload decodes to a refused sentinel. */
export function createDataConverter(keys: CodecKey[], o: { refusePlaintext?: boolean } = {}): DataConverter {
  return {
    payloadCodecs: [new EncryptionCodec(keys, o)],
    failureConverterPath: require.resolve('./failure-converter'),
  };
}
