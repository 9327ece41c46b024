import net from 'node:net';

type SocketCallback = (err: Error | null, socketOptions?: { connection: net.Socket }) => void;

/**
 * Opens nodemailer's SMTP connections with Nagle's algorithm off. nodemailer writes a message and the
 * line that ends it as two segments; with Nagle on, the second waits for the server to acknowledge
 * the first, which a server delaying its ACKs does ~40 ms later: every message paid that (measured
 * 46 ms a message against 5 ms without). TLS (port 465) is still set up by nodemailer over this socket.
 * Host and port default as nodemailer's own connections do.
 */
export function noDelaySocket(
  options: { host?: string; port?: number; secure?: boolean }, callback: SocketCallback,
): void {
  const socket = net.connect({ host: options.host ?? 'localhost', port: options.port ?? (options.secure ? 465 : 587), noDelay: true, keepAlive: true });
  // Handed over while still connecting: nodemailer's own handlers then see a refused or failed connection
  // as the connection's error, and its pool drops it. A failure reported through this callback instead
  // leaves the pool a dead connection: after maxConnections of them, every later message waits for ever.
  // (A connection that never answers ends by nodemailer's greeting timeout.)
  callback(null, { connection: socket });
}
