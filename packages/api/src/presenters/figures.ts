/** Response schemas of the figures (docs/figures.md defines every number). */
import { CHANNELS } from '@tiaojie/core';
import Joi from 'joi';

const int = () => Joi.number().integer();
const num = () => Joi.number();
const obj = (keys: Joi.PartialSchemaMap, label: string) => Joi.object(keys).label(label);

export const rateOut = obj({ numerator: int(), denominator: int(), rate: num().allow(null) }, 'Rate');
const countOut = obj({ key: Joi.string(), count: int() }, 'Count');
export const periodOut = obj({ from: Joi.string(), to: Joi.string(), label: Joi.string() }, 'Period');

export const centerFiguresOut = obj(
  {
    period: periodOut,
    organizationId: int(),
    organizationName: Joi.string(),
    channel: Joi.string().valid(...CHANNELS).allow(null),
    received: obj(
      { total: int(), byChannel: Joi.array().items(countOut), byCategory: Joi.array().items(countOut), byArea: Joi.array().items(obj({ key: int(), name: Joi.string(), count: int() }, 'AreaCount')), byMonth: Joi.array().items(countOut) },
      'Received',
    ),
    acceptanceRate: rateOut,
    successRate: rateOut,
    handlingDays: obj({ closed: int(), mean: num().allow(null), p90: num().allow(null) }, 'HandlingDays'),
    overdueRate: rateOut,
    satisfactionRate: rateOut,
    sourceResolved: Joi.array().items(rateOut.keys({ channel: Joi.string().valid(...CHANNELS) }).label('ChannelRate')),
    villageResolvedRate: rateOut,
    townshipResolvedRate: rateOut,
    transfers: Joi.array().items(obj({ kind: Joi.string().valid('transfer', 'escalation'), sent: int(), acknowledged: int(), meanHoursToAcknowledge: num().allow(null) }, 'TransferFigures')),
    mediators: Joi.array().items(obj({ mediatorId: int(), name: Joi.string(), open: int(), settled: int(), failed: int() }, 'MediatorFigures')),
    at: Joi.string(),
  },
  'CenterFigures',
);

const time = () => Joi.date().iso();
const warningKeys = {
  id: int(), kind: Joi.string(), classKey: Joi.string(), organizationId: int(), category: Joi.string().allow(null), caseId: int().allow(null), caseCount: int(),
  title: Joi.string(), state: Joi.string(), ownerId: int().allow(null), reason: Joi.string().allow(null, ''), createdAt: time(), updatedAt: time(), version: int(),
};
export const warningOut = obj(warningKeys, 'Warning');
export const warningDetailOut = obj(
  {
    ...warningKeys,
    caseIds: Joi.array().items(int()),
    events: Joi.array().items(obj({ id: int(), warningId: int(), action: Joi.string(), actorId: int().allow(null), actorName: Joi.string(), at: time(), note: Joi.string().allow(null, '') }, 'WarningEvent')),
  },
  'WarningDetail',
);
export const classAssignOut = obj({ assigned: Joi.array().items(int()), skipped: Joi.array().items(int()) }, 'ClassAssignment');
export const classSuperviseOut = obj({ supervised: Joi.array().items(int()), skipped: Joi.array().items(int()) }, 'ClassSupervision');
export const thresholdOut = obj({ id: int(), category: Joi.string().allow(null), windowDays: int(), areaCases: int(), respondentCases: int(), active: Joi.boolean(), version: int() }, 'ClassThreshold');

export const statementOut = obj(
  {
    month: Joi.string(), organizationId: int(), organizationName: Joi.string(), closed: Joi.boolean(), closedAt: time().allow(null),
    lines: Joi.array().items(obj({ caseId: int(), caseNumber: Joi.string(), mediatorId: int().allow(null), mediatorName: Joi.string().allow(null), handlingOrgId: int(), handlingOrgName: Joi.string().allow(''), complexity: Joi.string(), result: Joi.string().allow(null), amountFen: int(), kind: Joi.string().valid('regular', 'correction') }, 'StatementLine')),
    byMediator: Joi.array().items(obj({ mediatorId: int().allow(null), name: Joi.string(), cases: int(), amountFen: int() }, 'MediatorSubsidy')),
    byOrganization: Joi.array().items(obj({ organizationId: int(), name: Joi.string().allow(''), cases: int(), amountFen: int() }, 'OrganizationSubsidy')),
    totalFen: int(),
  },
  'SubsidyStatement',
);

const jbResults = obj({ written: int(), oral: int(), failed: int(), pending: int() }, 'JbResults');
const justiceRow = obj(
  { statsCategory: Joi.string(), bySource: obj({ application: jbResults, own_initiative: jbResults, referral: jbResults }, 'JbBySource'), cases: int(), amountFen: int(), people: int() },
  'JusticeRow',
);
const casesPeople = obj({ cases: int(), people: int() }, 'CasesPeople');
export const justiceReportOut = obj(
  {
    period: periodOut, organizationId: int(), organizationName: Joi.string(), rows: Joi.array().items(justiceRow), total: justiceRow,
    preventedCriminal: casesPeople, preventedGroupPetition: casesPeople, confirmations: obj({ applied: int(), granted: int() }, 'Confirmations'),
    committees: int(), mediators: int(), at: Joi.string(),
  },
  'JusticeReport',
);
