// History ⇄ the JSON form of Temporal's tools (`temporal workflow show --output json`, historyToJSON).
// Why not @temporalio/common's historyToJSON/historyFromJSON: in this install @temporalio/common and
// @temporalio/proto each carry their own copy of protobufjs, and those helpers pair common's protojson with
// proto's message types, which fails ("TypeError: type must be a Type"). This uses the protojson of the copy
// @temporalio/proto itself loads, so the types and the converter always match; the files are the same format.
import { dirname } from 'node:path';
import { temporal } from '@temporalio/proto';
import { patchProtobufRoot } from '@temporalio/proto/lib/patch-protobuf-root';

type History = temporal.api.history.v1.IHistory;

interface ProtoJson {
  toJson(type: unknown, message: unknown): unknown;
  fromJson(type: unknown, json: unknown, options?: { ignoreUnknownFields?: boolean }): unknown;
}

const protoDir = dirname(require.resolve('@temporalio/proto'));
const protojson = require(require.resolve('protobufjs/ext/protojson', { paths: [protoDir] })) as ProtoJson;
const historyType = (
  patchProtobufRoot(require('@temporalio/proto')) as { lookupType(name: string): unknown }
).lookupType('temporal.api.history.v1.History');

export function historyToJson(history: History): string {
  const message = temporal.api.history.v1.History.fromObject(history);
  return JSON.stringify(protojson.toJson(historyType, message), null, 2);
}

export function historyFromJson(json: unknown): temporal.api.history.v1.History {
  const loaded = protojson.fromJson(historyType, json, { ignoreUnknownFields: true });
  if (!loaded) throw new TypeError('not a history');
  return loaded as temporal.api.history.v1.History;
}
