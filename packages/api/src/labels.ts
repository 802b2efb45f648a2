/**
 * Chinese names of fields: the one table lives in core (`@tiaojie/core/domain`, labels.ts);
 * re-exported here for the API's own messages (query parameters, sent-back fields).
 */
export { FIELD_LABELS_ZH as LABELS_ZH, labelZh, pathLabelZh } from '@tiaojie/core';
