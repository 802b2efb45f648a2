import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the receiver got. */
export interface Received {
  delivery: string;
  event: string;
  signature: string;
  body: string;
  json: { id: string; type: string; sequence: number; case: { id: number } & Record<string, unknown> } & Record<string, unknown>;
  /** What the receiver answered (0: no answer, the request hung or was cut). */
  answered: number;
}

/** How to answer one request: a status, after an optional delay; `hang` never answers. */
export type Behaviour = { status: number; delayMs?: number } | 'hang';

/**
 * A webhook receiver on 127.0.0.1 for tests: records every request and answers as `behave` says
 * (by default 200 at once). `close()` then `listen()` again on the same port simulates a restart.
 */
export class Receiver {
  readonly received: Received[] = [];
  behave: (r: Received, nth: number) => Behaviour = () => ({ status: 200 });
  private server: Server | null = null;
  port = 0;

  get url() {
    return `http://127.0.0.1:${this.port}/hook`;
  }

  async listen(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = 1;
    await new Promise<void>((ok) => this.server!.listen(this.port, '127.0.0.1', ok));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const r: Received = { delivery: String(req.headers['x-tiaojie-delivery']), event: String(req.headers['x-tiaojie-event']), signature: String(req.headers['x-tiaojie-signature']), body, json: JSON.parse(body), answered: 0 };
    this.received.push(r);
    const b = this.behave(r, this.received.filter((x) => x.delivery === r.delivery).length);
    if (b === 'hang') return;
    if (b.delayMs) await new Promise((ok) => setTimeout(ok, b.delayMs));
    r.answered = b.status;
    res.writeHead(b.status).end();
  }

  /** Received and answered 2xx: what the receiving system accepted, by delivery id (duplicates dropped, as a receiver should). */
  accepted(): Received[] {
    const seen = new Set<string>();
    return this.received.filter((r) => r.answered >= 200 && r.answered < 300 && !seen.has(r.delivery) && seen.add(r.delivery));
  }

  async close(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise((ok) => this.server!.close(ok));
    this.server = null;
  }
}

/** Whether, for each case, accepted events arrive in strictly increasing sequence. */
export function inOrderPerCase(received: Received[]): boolean {
  const last = new Map<number, number>();
  for (const r of received) {
    const prev = last.get(r.json.case.id) ?? 0;
    if (r.json.sequence <= prev) return false;
    last.set(r.json.case.id, r.json.sequence);
  }
  return true;
}
