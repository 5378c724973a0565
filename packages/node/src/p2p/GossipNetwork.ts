import { createHash } from "node:crypto";
import { noise } from "@chainsafe/libp2p-noise";
import { yamux } from "@chainsafe/libp2p-yamux";
import { gossipsub, type GossipSub, type TopicValidatorFn } from "@libp2p/gossipsub";
import { identify } from "@libp2p/identify";
import type { Connection, PeerId, PrivateKey, Stream } from "@libp2p/interface";
import { tcp } from "@libp2p/tcp";
import { lpStream } from "@libp2p/utils";
import { multiaddr } from "@multiformats/multiaddr";
import { createLibp2p, type Libp2p } from "libp2p";
import type { Logger } from "pino";
import { BaseError } from "@obscuro/sdk";
import type { NodeMetrics } from "../metrics.ts";
import { blobProtocol, gossipTopic, GossipKind } from "./topics.ts";

/** What a handler decides about a gossiped message: deliver and forward it, drop it, or drop it and blame the sender. */
export type GossipVerdict = "accept" | "ignore" | "reject";

/** Handles one gossiped message from `from` (a peer id); throwing counts as "reject". */
export type GossipHandler = (data: Uint8Array, from: string) => GossipVerdict | Promise<GossipVerdict>;

/** Serves one request of a request/response protocol. */
export type RequestHandler = (request: Uint8Array, from: string) => Promise<Uint8Array>;

export interface GossipNetworkOptions {
  /** The L1 chain id: it names the topics, so networks on different L1s never mix. */
  chainId: number;
  /** Multiaddrs to listen on, e.g. `/ip4/127.0.0.1/tcp/30303`. */
  listen: readonly string[];
  /** The node's libp2p identity (the host keeps it, so its host address stays valid). */
  privateKey: PrivateKey;
  logger: Logger;
  metrics?: NodeMetrics | undefined;
  /** Rejected messages a peer may send before it is disconnected and refused. Default 10. */
  banThreshold?: number | undefined;
  /** Largest gossip message accepted, in bytes. Default 4 MiB (a batch of many transactions). */
  maxMessageBytes?: number | undefined;
}

/** A request to a peer failed or timed out. */
export class PeerRequestError extends BaseError {
  readonly code = "PEER_REQUEST_FAILED";
}

const DEFAULT_BAN_THRESHOLD = 10;
const DEFAULT_MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

/**
 * The node's peer-to-peer layer: gossipsub over TCP with Noise and yamux, one topic per
 * {@link GossipKind}, plus request/response protocols (rollup blobs for joining peers).
 *
 * Every message goes through its handler before it is forwarded. A handler that rejects a message,
 * or throws on it, blames the sender: gossipsub lowers its peer score, and after `banThreshold`
 * rejected messages the peer is disconnected and refused for good. Nothing a peer sends can crash
 * the node.
 */
export class GossipNetwork {
  readonly #libp2p: Libp2p<{ pubsub: GossipSub }>;
  readonly #options: GossipNetworkOptions;
  readonly #log: Logger;
  readonly #handlers = new Map<string, GossipHandler>();
  readonly #rejections = new Map<string, number>();
  readonly #banned: Set<string>;

  private constructor(libp2p: Libp2p<{ pubsub: GossipSub }>, options: GossipNetworkOptions, banned: Set<string>) {
    this.#libp2p = libp2p;
    this.#options = options;
    this.#log = options.logger.child({ module: "p2p" });
    this.#banned = banned;
  }

  /** Starts listening and joins the gossip of `options.chainId`. */
  static async create(options: GossipNetworkOptions): Promise<GossipNetwork> {
    const banned = new Set<string>();
    const libp2p = await createLibp2p({
      privateKey: options.privateKey,
      addresses: { listen: [...options.listen] },
      transports: [tcp()],
      connectionEncrypters: [noise()],
      streamMuxers: [yamux()],
      connectionGater: {
        denyDialPeer: (peer: PeerId) => banned.has(peer.toString()),
        denyOutboundConnection: (peer: PeerId) => banned.has(peer.toString()),
        denyInboundEncryptedConnection: (peer: PeerId) => banned.has(peer.toString()),
      },
      services: {
        identify: identify(),
        pubsub: gossipsub({
          // Messages are authenticated inside (enclave signatures, encryption), not by the peer
          // that happened to publish them: anonymous, content-addressed, as in Ethereum's gossip.
          globalSignaturePolicy: "StrictNoSign",
          msgIdFn: (message) => createHash("sha256").update(message.data).digest(),
          fastMsgIdFn: (message) =>
            createHash("sha1")
              .update(message.data ?? new Uint8Array())
              .digest("base64"),
          asyncValidation: false,
          allowPublishToZeroTopicPeers: true,
          ignoreDuplicatePublishError: true,
          maxInboundDataLength: options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES,
          scoreParams: { IPColocationFactorWeight: 0 },
        }),
      },
    });
    const network = new GossipNetwork(libp2p as unknown as Libp2p<{ pubsub: GossipSub }>, options, banned);
    network.#watchPeers();
    network.#log.info({ peerId: libp2p.peerId.toString(), listen: network.multiaddrs }, "p2p started");
    return network;
  }

  /** This node's peer id. */
  get peerId(): string {
    return this.#libp2p.peerId.toString();
  }

  /** The addresses peers can dial this node at, each ending in `/p2p/<peerId>`. */
  get multiaddrs(): string[] {
    return this.#libp2p.getMultiaddrs().map((address) => address.toString());
  }

  /** Peers connected now. */
  get peerCount(): number {
    return this.#libp2p.getPeers().length;
  }

  /** Peers this node forwards `kind` to (its gossipsub mesh for the topic). */
  meshPeers(kind: GossipKind): string[] {
    // the implementation has it; the exported interface does not declare it
    const pubsub = this.#libp2p.services.pubsub as unknown as { getMeshPeers(topic: string): string[] };
    return pubsub.getMeshPeers(gossipTopic(this.#options.chainId, kind));
  }

  /** Peers refused for misbehaviour. */
  get bannedPeers(): readonly string[] {
    return [...this.#banned];
  }

  /** Subscribes to `kind`, handling each message with `handler` before it is forwarded. */
  on(kind: GossipKind, handler: GossipHandler): void {
    const topic = gossipTopic(this.#options.chainId, kind);
    this.#handlers.set(topic, handler);
    const pubsub = this.#libp2p.services.pubsub;
    pubsub.topicValidators.set(topic, async (peer, message) => this.#validate(kind, handler, message.data, peer));
    pubsub.subscribe(topic);
  }

  /** Gossips `data` on `kind`; returns how many peers it was sent to. */
  async publish(kind: GossipKind, data: Uint8Array): Promise<number> {
    const result = await this.#libp2p.services.pubsub.publish(gossipTopic(this.#options.chainId, kind), data);
    this.#options.metrics?.gossipPublished.inc({ topic: kind });
    return result.recipients.length;
  }

  /** Dials each address (a multiaddr with `/p2p/<peerId>`), skipping itself and banned peers; failures are logged. */
  async dial(addresses: readonly string[]): Promise<number> {
    let connected = 0;
    await Promise.all(
      addresses.map(async (address) => {
        try {
          const target = multiaddr(address);
          const peer = target.getComponents().find((c) => c.name === "p2p")?.value;
          if (peer === this.peerId || (peer && this.#banned.has(peer))) return;
          await this.#libp2p.dial(target, { signal: AbortSignal.timeout(5_000) });
          connected++;
        } catch (error) {
          this.#log.debug({ address, err: (error as Error).message }, "dial failed");
        }
      }),
    );
    return connected;
  }

  /** Serves `protocol` with `handler`: one length-prefixed request, one length-prefixed response. */
  async handle(protocol: string, handler: RequestHandler): Promise<void> {
    await this.#libp2p.handle(protocol, async (stream: Stream, connection: Connection) => {
      const from = connection.remotePeer.toString();
      const framed = lpStream(stream, { maxDataLength: this.#options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES });
      try {
        const request = await framed.read({ signal: AbortSignal.timeout(10_000) });
        const response = await handler(request.subarray(), from);
        await framed.write(response);
        await stream.close();
      } catch (error) {
        this.#log.debug({ protocol, from, err: (error as Error).message }, "request not served");
        stream.abort(error as Error);
      }
    });
  }

  /**
   * Sends `request` to a connected `peer` over `protocol` and returns its response.
   * @throws {PeerRequestError} when the peer cannot be reached, fails or does not answer in time.
   */
  async request(peer: string, protocol: string, request: Uint8Array, timeoutMs = 10_000): Promise<Uint8Array> {
    const signal = AbortSignal.timeout(timeoutMs);
    try {
      const target = this.#libp2p.getPeers().find((p) => p.toString() === peer);
      if (!target) throw new Error("not connected");
      const stream = await this.#libp2p.dialProtocol(target, protocol, { signal });
      const framed = lpStream(stream, { maxDataLength: this.#options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES });
      await framed.write(request, { signal });
      const response = await framed.read({ signal });
      await stream.close();
      return response.subarray();
    } catch (cause) {
      throw new PeerRequestError(`Peer ${peer} did not answer ${protocol}.`, {
        cause,
        details: (cause as Error).message,
      });
    }
  }

  /** The blob protocol name of this network. */
  get blobProtocol(): string {
    return blobProtocol(this.#options.chainId);
  }

  /** Peers connected now. */
  peers(): string[] {
    return this.#libp2p.getPeers().map((peer) => peer.toString());
  }

  /** Leaves the network and closes every connection. */
  async stop(): Promise<void> {
    await this.#libp2p.stop();
    this.#log.info("p2p stopped");
  }

  async #validate(kind: GossipKind, handler: GossipHandler, data: Uint8Array, peer: PeerId) {
    const from = peer.toString();
    let verdict: GossipVerdict;
    try {
      verdict = await handler(data, from);
    } catch (error) {
      this.#log.debug({ topic: kind, from, err: (error as Error).message }, "gossip handler threw: rejected");
      verdict = "reject";
    }
    this.#options.metrics?.gossipReceived.inc({ topic: kind, verdict });
    if (verdict === "reject") this.#blame(from, kind);
    return verdict as Awaited<ReturnType<TopicValidatorFn>>;
  }

  #blame(peer: string, kind: GossipKind): void {
    const rejected = (this.#rejections.get(peer) ?? 0) + 1;
    this.#rejections.set(peer, rejected);
    this.#log.warn({ peer, topic: kind, rejected }, "peer sent an invalid message");
    if (rejected < (this.#options.banThreshold ?? DEFAULT_BAN_THRESHOLD) || this.#banned.has(peer)) return;
    this.#banned.add(peer);
    this.#options.metrics?.peersBanned.inc();
    this.#log.warn({ peer, rejected }, "peer banned for invalid messages");
    const target = this.#libp2p.getPeers().find((p) => p.toString() === peer);
    if (target) void this.#libp2p.hangUp(target).catch(() => undefined);
  }

  #watchPeers(): void {
    const update = () => this.#options.metrics?.peers.set(this.peerCount);
    this.#libp2p.addEventListener("peer:connect", update);
    this.#libp2p.addEventListener("peer:disconnect", update);
  }
}

export { GossipKind };
