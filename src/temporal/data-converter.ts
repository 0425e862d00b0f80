// The data converter every worker and client uses: encrypting codec for payloads and for failure messages.
import type { DataConverter } from '@temporalio/common';
import { EncryptionCodec } from './codec';
import { type CodecKey } from '../crypto/keyring';

export function createDataConverter(keys: CodecKey[]): DataConverter {
  return {
    payloadCodecs: [new EncryptionCodec(keys)],
    failureConverterPath: require.resolve('./failure-converter'),
  };
}
