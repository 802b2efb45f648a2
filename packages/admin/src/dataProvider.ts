import simpleRestProvider from 'ra-data-simple-rest';
import type { DataProvider, Identifier } from 'react-admin';
import { API_URL, httpClient } from './http';
import type { ActionName } from '@tiaojie/core/domain';
import type { CaseRec, PartyRec } from './records';

export interface DashboardStats {
  red: number;
  yellow: number;
  openSupervisions: number;
  highRisk: number;
  /** Open cases assigned to me or handled by my organization … */
  myQueue: number | Record<string, number>;
  /** … by light (`none`: no clock running). */
  myQueueByLight?: Record<string, number>;
  newByChannel: Array<{ week: string; channel: string; count: number }>;
}

/** The case lifecycle and intake calls beside react-admin's CRUD. */
export interface TiaojieDataProvider extends DataProvider {
  /** Runs a lifecycle action; resolves with the updated case, rejects with the API's reason. */
  transition(id: Identifier, action: string, version: number, payload?: Record<string, unknown>): Promise<{ data: CaseRec }>;
  /** The actions the signed-in user may run on the case now. */
  actions(id: Identifier): Promise<ActionName[]>;
  /** 一人一档: every case of one person, found by ID number. */
  personCases(idNumber: string): Promise<CaseRec[]>;
  dashboard(): Promise<DashboardStats>;
  /** The case's parties with full ID numbers and phones (admin, clerk, the case's mediators; each reveal is logged). */
  revealParties(caseId: Identifier): Promise<PartyRec[]>;
}

const base = simpleRestProvider(API_URL, httpClient);
const json = (body: unknown) => JSON.stringify(body);

export const dataProvider: TiaojieDataProvider = {
  ...base,
  /**
   * A case list beyond the API's count cap answers `Content-Range: cases 0-24/*`, which
   * ra-data-simple-rest reads as a NaN total: page on with react-admin's partial pagination
   * instead (the API counted past this page, so a next page exists).
   */
  async getList(resource, params) {
    const result = await base.getList(resource, params);
    if (result.total === undefined || Number.isFinite(result.total)) return result;
    const page = params.pagination?.page ?? 1;
    return { data: result.data, pageInfo: { hasNextPage: true, hasPreviousPage: page > 1 } };
  },
  async transition(id, action, version, payload = {}) {
    const { json: data } = await httpClient<CaseRec>(`${API_URL}/cases/${encodeURIComponent(String(id))}/transitions`, {
      method: 'POST',
      body: json({ ...payload, action, version }),
    });
    return { data };
  },
  async actions(id) {
    const { json: data } = await httpClient(`${API_URL}/cases/${encodeURIComponent(String(id))}/actions`);
    return Array.isArray(data) ? data : ((data as { actions?: ActionName[] })?.actions ?? []);
  },
  async personCases(idNumber) {
    const { json: data } = await httpClient(`${API_URL}/persons/${encodeURIComponent(idNumber)}/cases`);
    const d = data as { cases?: CaseRec[]; data?: CaseRec[] } | undefined;
    return Array.isArray(data) ? data : (d?.cases ?? d?.data ?? []);
  },
  async revealParties(caseId) {
    const { json: data } = await httpClient<PartyRec[]>(`${API_URL}/cases/${encodeURIComponent(String(caseId))}/parties?reveal=1`);
    return data;
  },
  async dashboard() {
    const { json: data } = await httpClient<DashboardStats>(`${API_URL}/stats/dashboard`);
    return data;
  },
};
