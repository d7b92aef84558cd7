// P4's anchor: the data a message leaves behind in the simulator, made and kept with no logic at
// all. Per message: the send command, its recipient checked as E.164, the message in a Map, four
// events (queued, sending, sent, delivered) kept in a 100,000-event window for `since` resumes,
// dispatch in order at 10 per second, and the delivery 50–500 ms later, in time order. What the
// real pipeline adds on top of this is the rules. Usage: node bench/p4-floor.mjs N
const n = Number(process.argv[2] ?? 100_000);
const body = 'Acme Realty: open house Sat 1-3pm at 12 Elm St. Reply STOP to opt out';
const E164 = /^\+1[2-9]\d\d[2-9]\d{6}$/;
const RETENTION = Number(process.env.RETENTION ?? 100_000);

const messages = new Map();
let events = [];
let nextEvent = 1;
let now = 0;
const emit = (type, data) => {
  events.push({ id: nextEvent++, type, at: now, account: 'acme', subgroup: undefined, data });
  if (events.length > RETENTION * 1.5) events = events.slice(-RETENTION);
};

// Deliveries wait in a binary heap by time, as the simulator's timers do.
const heapAt = [];
const heapId = [];
function swap(i, j) {
  const at = heapAt[i];
  heapAt[i] = heapAt[j];
  heapAt[j] = at;
  const id = heapId[i];
  heapId[i] = heapId[j];
  heapId[j] = id;
}
function push(at, id) {
  let i = heapAt.push(at) - 1;
  heapId.push(id);
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (heapAt[p] <= heapAt[i]) break;
    swap(p, i);
    i = p;
  }
}
function pop() {
  const id = heapId[0];
  const lastAt = heapAt.pop();
  const lastId = heapId.pop();
  if (heapAt.length > 0) {
    heapAt[0] = lastAt;
    heapId[0] = lastId;
    for (let i = 0; ;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heapAt.length && heapAt[l] < heapAt[m]) m = l;
      if (r < heapAt.length && heapAt[r] < heapAt[m]) m = r;
      if (m === i) break;
      swap(m, i);
      i = m;
    }
  }
  return id;
}

let seed = 1;
const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
// In a function, as the simulator's code is: top-level module code is optimised less.
function run() {
  const queue = [];
  for (let i = 0; i < n; i++) {
    const cmd = { action: 'send', from: '+12065550100', to: '+1206' + String(2000000 + (i % 7000000)), body };
    if (!E164.test(cmd.to)) throw new Error(cmd.to);
    const m = {
      id: 'msg-' + String(i + 1),
      direction: 'outbound',
      from: cmd.from,
      to: cmd.to,
      body,
      segments: 1,
      status: 'queued',
      createdAt: now,
    };
    messages.set(m.id, m);
    emit('message.queued', { message: m.id, to: m.to, from: m.from });
    queue.push(m.id);
  }
  for (let i = 0; i < queue.length; i++) {
    const slot = i * 100;
    while (heapAt.length > 0 && heapAt[0] <= slot) {
      now = heapAt[0];
      const m = messages.get(pop());
      m.status = 'delivered';
      m.doneAt = now;
      emit('message.delivered', { message: m.id, to: m.to });
    }
    now = slot;
    const m = messages.get(queue[i]);
    emit('message.sending', { message: m.id, to: m.to });
    m.status = 'sent';
    m.sentAt = now;
    emit('message.sent', { message: m.id, to: m.to, segments: m.segments });
    push(now + 50 + Math.round(random() * 450), m.id);
  }
  while (heapAt.length > 0) {
    now = heapAt[0];
    const m = messages.get(pop());
    m.status = 'delivered';
    emit('message.delivered', { message: m.id, to: m.to });
  }
}

const t0 = performance.now();
run();
const s = (performance.now() - t0) / 1000;
console.log(JSON.stringify({ n, s, delivered: n, rss: process.memoryUsage().rss }));
