import { API_URL, httpClient, session } from '../http';

/** GET an API path as JSON (with the session and the reader's language). */
export const getJson = async <T,>(path: string) => (await httpClient<T>(`${API_URL}${path}`)).json;
export const postJson = async <T,>(path: string, body: unknown) => (await httpClient<T>(`${API_URL}${path}`, { method: 'POST', body: JSON.stringify(body) })).json;

export const query = (params: Record<string, string | number | undefined | null>) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
};

/**
 * Download a streamed export: the server sends no length (it writes rows as it reads them), so
 * progress is the bytes received so far. Saves the file under the server's name.
 */
export async function download(path: string, onProgress: (bytes: number) => void): Promise<number> {
  const res = await fetch(`${API_URL}${path}`, { headers: { Authorization: `Bearer ${session.token() ?? ''}` } });
  if (!res.ok || !res.body) {
    const body = await res.json().catch(() => ({}));
    throw new Error(body?.error?.message ?? `HTTP ${res.status}`);
  }
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    bytes += value.length;
    onProgress(bytes);
  }
  const name = /filename\*=UTF-8''([^;]+)/.exec(res.headers.get('Content-Disposition') ?? '')?.[1];
  const url = URL.createObjectURL(new Blob(chunks as BlobPart[], { type: res.headers.get('Content-Type') ?? 'application/octet-stream' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name ? decodeURIComponent(name) : 'export.xlsx';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return bytes;
}

export const putJson = async <T,>(path: string, body: unknown) => (await httpClient<T>(`${API_URL}${path}`, { method: 'PUT', body: JSON.stringify(body) })).json;
