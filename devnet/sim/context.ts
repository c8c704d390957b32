/** What every part of the simulator gets: the scenario, the model, the actions and its own random streams. */
import type { Rng } from "../rng";
import type { Scenario } from "../scenario";
import type { Actions } from "./actions";
import type { SimEntity } from "./entities";
import type { Account, Model } from "./model";

export interface SimContext {
  scenario: Scenario;
  seed: number;
  model: Model;
  actions: Actions;
  /** Random streams, one per concern. */
  rng: {
    population: Rng;
    market: Rng;
    vesting: Rng;
    locking: Rng;
    voting: Rng;
    vaults: Rng;
    /** Entities spread over wallets (only drawn from when the scenario has `entities`). */
    entities: Rng;
  };
  deployer: Account;
  holders: Account[];
  exchanges: Account[];
  beneficiaries: Account[];
  depositors: Account[];
  /** Entities spread over several wallets (scenario `entities`); empty or absent otherwise. */
  entities?: SimEntity[];
}

/** Epoch-level facts shared by the planners. */
export interface EpochInfo {
  /** 0-based index of the simulated epoch. */
  index: number;
  /** Absolute epoch number (`floor(ts / EPOCH)`). */
  epoch: number;
  start: number;
  /** The last, partial epoch whose voting window is still open when the run ends. */
  live: boolean;
  /** A season starts at this epoch's start (epoch 0: the implicit season 0). */
  seasonStart: boolean;
  /** A season starts at the next epoch's start: `newSeason()` is called in this epoch's second week. */
  nextSeasonStart: boolean;
}
