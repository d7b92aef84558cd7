/**
 * The carrier error codes a message may fail with, in words: the codes of the US carriers and
 * the registry that the simulator reproduces (the failing rule, when there is one, is linked).
 */
export const ERROR_CODES: Record<number, string> = {
  21610: 'the recipient opted out (STOP): no message may go to them until they text START',
  30003: 'unreachable: the handset is off, or the number sending it is not active, or the carrier is out',
  30005: 'unknown destination: the number does not exist',
  30006: 'landline or unreachable carrier: this number cannot receive texts',
  30007: 'filtered by the carrier: the content or the sender looked like spam',
  30022: 'over the rate: it waited longer than the queue allows at the brand tier’s throughput',
  30024: 'the number’s campaign assignment had not propagated to the carriers yet',
  30027: 'over the daily cap: the brand’s tier allows no more segments today',
  30034: 'unregistered: the number is not assigned to an approved 10DLC campaign',
};

/** A code and its meaning: `30027: over the daily cap…`. */
export function explain(code: number): string {
  return `${String(code)}: ${ERROR_CODES[code] ?? 'a carrier error'}`;
}
