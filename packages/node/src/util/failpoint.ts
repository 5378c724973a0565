/**
 * Failpoints, as etcd's gofail and FoundationDB's simulation use them: named places in the node
 * where a crash test can make the process die with SIGKILL, exactly there, to show that a crash
 * at that point loses nothing and sends nothing twice. Inert unless `OBSCURO_NODE_FAILPOINT`
 * names the point (`l1:recorded:rollup`, `l1:broadcast:rollup`…); never set in production.
 */
export function failpoint(name: string): void {
  if (process.env.OBSCURO_NODE_FAILPOINT === name) process.kill(process.pid, "SIGKILL");
}
