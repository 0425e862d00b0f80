// Search attributes Breachplan sets on incidents so they can be listed and filtered. No PII: the server
// indexes them in clear text.
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const SEVERITY = defineSearchAttributeKey('BreachplanSeverity', SearchAttributeType.KEYWORD);
export const PHASE = defineSearchAttributeKey('BreachplanPhase', SearchAttributeType.KEYWORD);
export const STATUS = defineSearchAttributeKey('BreachplanStatus', SearchAttributeType.KEYWORD);
/** The incident's Slack channel id, so a command typed in that channel finds its incident after any restart. */
export const SLACK_CHANNEL = defineSearchAttributeKey('BreachplanSlackChannel', SearchAttributeType.KEYWORD);
/** "true" when the incident was declared restricted (need to know), so lists leave it out for others. */
export const RESTRICTED = defineSearchAttributeKey('BreachplanRestricted', SearchAttributeType.KEYWORD);

/** name → type, for `temporal server start-dev --search-attribute` and operator registration. */
export const SEARCH_ATTRIBUTE_TYPES: Record<string, 'Keyword'> = {
  [SEVERITY.name]: 'Keyword',
  [PHASE.name]: 'Keyword',
  [STATUS.name]: 'Keyword',
  [SLACK_CHANNEL.name]: 'Keyword',
  [RESTRICTED.name]: 'Keyword',
};
