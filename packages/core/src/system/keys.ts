import type { DataSource } from 'typeorm';
import { HistorySeal } from '../history/anchor';
import { Party } from '../parties/party.entity';
import { PersonalDataCipher } from '../shared/personal-data';
import { SettingsService } from './settings.service';

/** Settings rows of the key handling. */
export const SETTING = {
  /** The data key itself: only when none is configured, outside production (a convenience for `npm start`). */
  storedDataKey: 'personal_data_key',
  /** `PersonalDataCipher.keyCheck()` of the key the data is sealed with. */
  dataKeyCheck: 'data_key_check',
} as const;

/** The key given does not open the data already stored: starting would answer 500s and find nobody. */
export class DataKeyMismatchError extends Error {
  readonly code = 'DATA_KEY_MISMATCH';
  constructor() {
    super('TIAOJIE_DATA_KEY does not match the key the stored personal data was encrypted with; start with the right key (or rotate with `tiaojie-system rotate-data-key`)');
    this.name = 'DataKeyMismatchError';
  }
}

/** Production without a configured secret would keep it in the database beside the data. */
export class MissingSecretError extends Error {
  readonly code = 'MISSING_SECRET';
  constructor(readonly names: string[]) {
    super(`Set ${names.join(' and ')} in the environment: with NODE_ENV=production they are never generated or kept in the database`);
    this.name = 'MissingSecretError';
  }
}

export interface KeyOptions {
  /** The personal-data key (base64, 32+ bytes); else TIAOJIE_DATA_KEY. */
  dataKey?: string;
  /** The history key (base64, 32+ bytes); else TIAOJIE_HISTORY_KEY; else derived from the data key. */
  historyKey?: string;
  /** Refuse to generate or store a data key (NODE_ENV=production by default). */
  production?: boolean;
  /** Where warnings go (console.warn by default). */
  warn?: (message: string) => void;
}

/**
 * The keys an open database works with. Outside production a missing data key is generated once
 * and kept in `settings` (with a warning: a copy of the database then opens its personal data);
 * in production it must be configured. The key is checked against the stored key-check value (or,
 * on a database that predates it, against one stored cipher) and the check value stored on first use.
 * @throws MissingSecretError, DataKeyMismatchError
 */
export async function resolveKeys(ds: DataSource, opts: KeyOptions = {}): Promise<{ cipher: PersonalDataCipher; seal: HistorySeal }> {
  const settings = new SettingsService(ds);
  const warn = opts.warn ?? ((m: string) => console.warn(`tiaojie: ${m}`));
  const production = opts.production ?? process.env.NODE_ENV === 'production';
  let dataKey = opts.dataKey ?? (process.env.TIAOJIE_DATA_KEY || undefined);
  if (!dataKey) {
    if (production) throw new MissingSecretError(['TIAOJIE_DATA_KEY']);
    dataKey = await settings.getOrCreate(SETTING.storedDataKey, PersonalDataCipher.generateKey);
    warn('TIAOJIE_DATA_KEY is not set: the personal-data key is kept in the database (settings), so a copy of the database decrypts every ID number. Set TIAOJIE_DATA_KEY outside development.');
  }
  const cipher = new PersonalDataCipher(dataKey);
  await checkDataKey(ds, cipher);
  const historyKey = opts.historyKey ?? (process.env.TIAOJIE_HISTORY_KEY || undefined);
  const seal = historyKey ? new HistorySeal(historyKey) : HistorySeal.fromDataKey(dataKey);
  return { cipher, seal };
}

/** Refuse a key that does not match the stored check (or stored data); record the check on first use. */
export async function checkDataKey(ds: DataSource, cipher: PersonalDataCipher): Promise<void> {
  const settings = new SettingsService(ds);
  const stored = await settings.get(SETTING.dataKeyCheck);
  if (stored !== null) {
    if (stored !== cipher.keyCheck()) throw new DataKeyMismatchError();
    return;
  }
  // A database from before the check value: one sealed value tells whether the key opens it.
  const sample = await ds
    .getRepository(Party)
    .createQueryBuilder('p')
    .select(['p.id', 'p.idNumberCipher', 'p.phoneCipher'])
    .where('p.id_number_cipher IS NOT NULL OR p.phone_cipher IS NOT NULL')
    .orderBy('p.id', 'ASC')
    .getOne();
  const sealed = sample?.idNumberCipher ?? sample?.phoneCipher;
  if (sealed && cipher.tryDecrypt(sealed) === null) throw new DataKeyMismatchError();
  await settings.getOrCreate(SETTING.dataKeyCheck, () => cipher.keyCheck());
  if ((await settings.get(SETTING.dataKeyCheck)) !== cipher.keyCheck()) throw new DataKeyMismatchError();
}
