import { TtlCache } from "../l1/BlockCache.ts";

/**
 * What the explorer shows of a node, taken from its ops `/status`: a fixed list of public fields
 * (heads, registration, peers, sequencing counters). Nothing else the endpoint answers is passed
 * on: not its process id, its RPC or ops URLs, nor its last error's text.
 */
export interface NodeL2View {
  /** Which of the configured `/status` URLs it was read from (their index: the URLs are not shown). */
  source: number;
  reachable: boolean;
  mode: string | null;
  enclaveId: string | null;
  operator: string | null;
  registration: string | null;
  hasSecret: boolean | null;
  l1: { latest: string | null; processed: string | null } | null;
  l2Head: { number: string; hash: string; l1BlockNumber: string } | null;
  safe: { rollupHash: string; number: string; l2Block: string } | null;
  mempool: number | null;
  peers: number | null;
  sequencer: { staked: boolean; sequencing: boolean; batchesProduced: number; rollupsPublished: number } | null;
  /** The node's duties are failing (its `/status` reports an error). */
  degraded: boolean;
}

export interface NodeStatusReaderOptions {
  urls: readonly string[];
  timeoutMs: number;
  ttlMs: number;
}

/** Reads every node's `/status` (at most once per `ttlMs`); a node that does not answer is shown unreachable. */
export class NodeStatusReader {
  readonly #urls: string[];
  readonly #timeoutMs: number;
  readonly #cache: TtlCache<NodeL2View[]>;

  constructor(options: NodeStatusReaderOptions) {
    this.#urls = options.urls.map(statusUrl);
    this.#timeoutMs = options.timeoutMs;
    this.#cache = new TtlCache(options.ttlMs);
  }

  get count(): number {
    return this.#urls.length;
  }

  read(): Promise<NodeL2View[]> {
    return this.#cache.get(() => Promise.all(this.#urls.map((url, i) => this.#readOne(url, i))));
  }

  async #readOne(url: string, source: number): Promise<NodeL2View> {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(this.#timeoutMs) });
      if (!response.ok) return unreachable(source);
      return publicView(source, (await response.json()) as Record<string, unknown>);
    } catch {
      return unreachable(source);
    }
  }
}

/** A node's ops URL (`http://host:port`) or its `/status` URL, as the `/status` URL. */
export function statusUrl(url: string): string {
  const parsed = new URL(url);
  if (!parsed.pathname.endsWith("/status")) parsed.pathname = `${parsed.pathname.replace(/\/$/, "")}/status`;
  return parsed.toString();
}

function unreachable(source: number): NodeL2View {
  return {
    source,
    reachable: false,
    mode: null,
    enclaveId: null,
    operator: null,
    registration: null,
    hasSecret: null,
    l1: null,
    l2Head: null,
    safe: null,
    mempool: null,
    peers: null,
    sequencer: null,
    degraded: false,
  };
}

function publicView(source: number, s: Record<string, unknown>): NodeL2View {
  const obj = (v: unknown) => (v && typeof v === "object" ? (v as Record<string, unknown>) : undefined);
  const str = (v: unknown) => (typeof v === "string" || typeof v === "number" ? String(v) : null);
  const num = (v: unknown) => (typeof v === "number" ? v : null);
  const l1 = obj(s.l1);
  const head = obj(s.l2Head);
  const safe = obj(s.safe);
  const sequencer = obj(s.sequencer);
  return {
    source,
    reachable: true,
    mode: str(s.mode),
    enclaveId: str(s.enclaveId),
    operator: str(s.operator),
    registration: str(s.registration),
    hasSecret: typeof s.hasSecret === "boolean" ? s.hasSecret : null,
    l1: l1 ? { latest: str(l1.latest), processed: str(l1.processed) } : null,
    l2Head: head
      ? { number: str(head.number) ?? "", hash: str(head.hash) ?? "", l1BlockNumber: str(head.l1BlockNumber) ?? "" }
      : null,
    safe: safe
      ? { rollupHash: str(safe.rollupHash) ?? "", number: str(safe.number) ?? "", l2Block: str(safe.l2Block) ?? "" }
      : null,
    mempool: num(s.mempool),
    peers: num(s.peers),
    sequencer: sequencer
      ? {
          staked: sequencer.staked === true,
          sequencing: sequencer.sequencing === true,
          batchesProduced: num(sequencer.batchesProduced) ?? 0,
          rollupsPublished: num(sequencer.rollupsPublished) ?? 0,
        }
      : null,
    degraded: s.lastError !== null && s.lastError !== undefined,
  };
}
