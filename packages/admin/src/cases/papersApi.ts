import { HttpError } from 'react-admin';
import { API_URL, httpClient, session } from '../http';

/** A paper the case can print now (GET /api/cases/:id/documents). */
export interface DocumentOffer {
  kind: string;
  sessionId: number | null;
  title: string;
  date: string | null;
  fileName: string;
}

export const listDocuments = async (caseId: number): Promise<DocumentOffer[]> => (await httpClient(`${API_URL}/cases/${caseId}/documents`)).json as DocumentOffer[];

/** The file name a Content-Disposition header gives (RFC 5987 `filename*` first). */
export function dispositionName(header: string | null, fallback: string): string {
  const star = header?.match(/filename\*=UTF-8''([^;]+)/i);
  if (star) return decodeURIComponent(star[1]);
  return header?.match(/filename="([^"]+)"/i)?.[1] ?? fallback;
}

const headers = () => {
  const h = new Headers({ Accept: 'application/json' });
  const token = session.token();
  if (token) h.set('Authorization', `Bearer ${token}`);
  return h;
};

/** The API's own message of a failed answer: the first field's message when there is one (文件不能超过20MB …). */
async function failure(res: Response): Promise<HttpError> {
  const body = await res.json().catch(() => ({}));
  const message = body?.error?.details?.[0]?.message ?? body?.error?.message ?? `HTTP ${res.status}`;
  return new HttpError(message, res.status, body);
}

/** Fetch a file with the session and save it under the name the server gives. */
export async function download(path: string, fallbackName: string): Promise<void> {
  const res = await fetch(`${API_URL}${path}`, { headers: headers() });
  if (!res.ok) throw await failure(res);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = dispositionName(res.headers.get('Content-Disposition'), fallbackName);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** POST a multipart form (the browser sets its boundary); answers the JSON or throws the API's message. */
export async function postForm(path: string, form: FormData): Promise<any> {
  const res = await fetch(`${API_URL}${path}`, { method: 'POST', body: form, headers: headers() });
  if (!res.ok) throw await failure(res);
  return res.json();
}

/** Checked in the browser before uploading, the same limits the server applies. */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
export const ACCEPTED_EXTENSIONS = ['.pdf', '.jpg', '.jpeg', '.png', '.doc', '.docx', '.xlsx'];
