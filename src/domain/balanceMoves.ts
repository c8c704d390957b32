/**
 * The balances a BR transfer moves. Pure: no I/O.
 *
 * @example
 * balanceMoves(alice, bob, 5n, ZERO);  // [{ address: alice, delta: -5n }, { address: bob, delta: 5n }]
 * balanceMoves(ZERO, bob, 5n, ZERO);   // a mint: [{ address: bob, delta: 5n }]
 * balanceMoves(alice, alice, 5n, ZERO); // to oneself: [{ address: alice, delta: 0n }]
 */
import type { Hex } from "../config/profile";

/** A balance a transfer moves: the address (each at most once per transfer) and the amount added. */
export interface BalanceMove {
  address: Hex;
  delta: bigint;
}

/**
 * The moves of a transfer of `value` from `from` to `to`, sender first: the zero address is left
 * out (a mint or a burn moves one balance), and a transfer to oneself is one move of 0, which
 * touches the balance as the two moves it nets to would.
 */
export function balanceMoves(from: Hex, to: Hex, value: bigint, zero: Hex): BalanceMove[] {
  if (from === to) return from === zero ? [] : [{ address: from, delta: 0n }];
  const moves: BalanceMove[] = [];
  if (from !== zero) moves.push({ address: from, delta: -value });
  if (to !== zero) moves.push({ address: to, delta: value });
  return moves;
}
