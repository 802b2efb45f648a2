import type { DataSource } from 'typeorm';
import { transaction } from '../db/data-source';
import { HistorySeal } from '../history/anchor';
import { CaseHistoryHead } from '../history/case-history-head.entity';
import { Party } from '../parties/party.entity';
import { PersonalDataCipher } from '../shared/personal-data';
import { checkDataKey, SETTING } from './keys';
import { Setting } from './setting.entity';

export interface RotationOptions {
  /** The key the data is sealed with now (base64). */
  oldKey: string;
  /** The key to seal it with (base64, 32+ bytes). */
  newKey: string;
  /** Also re-seal history heads (when the history key is derived from the data key; false when TIAOJIE_HISTORY_KEY is set). */
  resealHistory?: boolean;
  /** Rows per transaction (500). */
  batchSize?: number;
  log?: (message: string) => void;
}

export interface RotationResult {
  parties: number;
  heads: number;
}

/**
 * Rotate the personal-data key: re-encrypt every encrypted column (parties' ID numbers and phones),
 * re-hash the ID-number lookup hashes, re-seal the history heads when their key is derived from
 * the data key, then record the new key's check value. One transaction per batch of rows, and
 * **resumable**: a row that already opens with the new key is skipped, so after an interruption
 * the same command finishes the job. Until it finishes, the server refuses to start with either
 * key alone (the check value changes last): stop the API while rotating.
 * @throws DataKeyMismatchError when the old key does not match the stored data
 */
export async function rotateDataKey(ds: DataSource, opts: RotationOptions): Promise<RotationResult> {
  const oldC = new PersonalDataCipher(opts.oldKey);
  const newC = new PersonalDataCipher(opts.newKey);
  const log = opts.log ?? (() => undefined);
  const size = opts.batchSize ?? 500;
  const settings = ds.getRepository(Setting);
  const check = await settings.findOneBy({ key: SETTING.dataKeyCheck });
  // Resuming: the check may already be the new one (a crash after the last step) or still the old.
  if (!check || (check.value !== oldC.keyCheck() && check.value !== newC.keyCheck())) await checkDataKey(ds, oldC);

  let parties = 0;
  for (let after = 0; ; ) {
    const done = await transaction(ds, async (em) => {
      const rows = await em
        .getRepository(Party)
        .createQueryBuilder('p')
        .select(['p.id', 'p.idNumberCipher', 'p.phoneCipher', 'p.idNumberHash'])
        .where('p.id > :after', { after })
        .andWhere('(p.id_number_cipher IS NOT NULL OR p.phone_cipher IS NOT NULL)')
        .orderBy('p.id', 'ASC')
        .limit(size)
        .getMany();
      for (const p of rows) {
        const sealed = p.idNumberCipher ?? p.phoneCipher!;
        if (newC.tryDecrypt(sealed) !== null) continue; // rotated before an interruption
        const id = p.idNumberCipher ? oldC.decrypt(p.idNumberCipher) : null;
        const phone = p.phoneCipher ? oldC.decrypt(p.phoneCipher) : null;
        await em.getRepository(Party).update(
          { id: p.id },
          { idNumberCipher: id === null ? null : newC.encrypt(id), idNumberHash: id === null ? p.idNumberHash : newC.hashIdNumber(id), phoneCipher: phone === null ? null : newC.encrypt(phone) },
        );
        parties++;
      }
      return rows.length ? rows[rows.length - 1].id : null;
    });
    if (done === null) break;
    after = done;
    log(`parties re-encrypted up to id ${after}`);
  }

  let heads = 0;
  if (opts.resealHistory ?? true) {
    const oldS = HistorySeal.fromDataKey(opts.oldKey);
    const newS = HistorySeal.fromDataKey(opts.newKey);
    for (let after = 0; ; ) {
      const done = await transaction(ds, async (em) => {
        const rows = await em.getRepository(CaseHistoryHead).createQueryBuilder('h').where('h.case_id > :after', { after }).orderBy('h.case_id', 'ASC').limit(size).getMany();
        for (const h of rows) {
          if (newS.verify(h.caseId, h.seq, h.hash, h.mac)) continue;
          // A head the old key does not seal stays as it is: verification will report it.
          if (!oldS.verify(h.caseId, h.seq, h.hash, h.mac)) continue;
          await em.getRepository(CaseHistoryHead).update({ caseId: h.caseId }, { mac: newS.mac(h.caseId, h.seq, h.hash) });
          heads++;
        }
        return rows.length ? rows[rows.length - 1].caseId : null;
      });
      if (done === null) break;
      after = done;
    }
  }

  await transaction(ds, async (em) => {
    const repo = em.getRepository(Setting);
    await repo.delete({ key: SETTING.dataKeyCheck });
    await repo.insert({ key: SETTING.dataKeyCheck, value: newC.keyCheck() });
    // The development convenience: a key kept in settings follows the rotation.
    const stored = await repo.findOneBy({ key: SETTING.storedDataKey });
    if (stored && stored.value === opts.oldKey) await repo.update({ key: SETTING.storedDataKey }, { value: opts.newKey });
  });
  return { parties, heads };
}
