/** brBTC vaults: deposits, withdrawals, share positions, TVL from the asset's transfers. */
import { ponder } from "ponder:registry";
import { vault, vaultEpoch, vaultEvent, vaultPosition } from "ponder:schema";
import type { Hex } from "../config/profile";
import { epochOf } from "../domain/epochs";
import { type AnyContext, ZERO_ADDRESS, lower, vaultOf } from "./state";
import { closeEpochs, emptyVaultEpoch } from "./epochs";
import { getProfile } from "../config/load";
import { BrBtcVaultAbi } from "../../abis";

function vaultRow(address: Hex) {
  const v = vaultOf(address);
  return {
    address,
    name: v?.name ?? address,
    asset: v?.asset ?? ZERO_ADDRESS,
    gauge: v?.gauge ?? address,
    totalAssets: 0n,
    totalShares: 0n,
  };
}

async function addToVault(context: AnyContext, address: Hex, assets: bigint, shares: bigint): Promise<void> {
  await context.db
    .insert(vault)
    .values({ ...vaultRow(address), totalAssets: assets, totalShares: shares })
    .onConflictDoUpdate((row) => ({ totalAssets: row.totalAssets + assets, totalShares: row.totalShares + shares }));
}

// A vault deployed before the indexed range starts from its on-chain totals (share positions
// of earlier holders cannot be recovered from events: configure the deployment block).
ponder.on("BrBtcVault:setup", async ({ context }) => {
  const before = BigInt(context.contracts.BrBtcVault.startBlock ?? 0) - 1n;
  for (const v of getProfile().vaults) {
    let totalAssets = 0n;
    let totalShares = 0n;
    if (before >= 0n && !v.deployedAtStartBlock) {
      const code = await context.client.getCode({ address: v.address, blockNumber: before });
      if (code !== undefined && code !== "0x") {
        totalAssets = await context.client.readContract({ abi: BrBtcVaultAbi, address: v.address, functionName: "totalAssets", blockNumber: before });
        totalShares = await context.client.readContract({ abi: BrBtcVaultAbi, address: v.address, functionName: "totalSupply", blockNumber: before });
      }
    }
    await context.db.insert(vault).values({ ...vaultRow(v.address), totalAssets, totalShares }).onConflictDoNothing();
  }
});

ponder.on("BrBtcVault:Deposit", async ({ event, context }) => {
  await closeEpochs(context, event);
  const address = lower(event.log.address);
  const { sender, owner, assets, shares } = event.args;
  const ts = event.block.timestamp;
  const epoch = epochOf(ts);
  await context.db.insert(vaultEvent).values({
    id: event.id,
    vault: address,
    kind: "deposit",
    sender: lower(sender),
    owner: lower(owner),
    receiver: null,
    assets,
    shares,
    blockNumber: event.block.number,
    timestamp: ts,
    epoch,
    txHash: event.transaction.hash,
  });
  await context.db
    .insert(vaultEpoch)
    .values({ vault: address, epoch, ...emptyVaultEpoch, deposits: assets, depositCount: 1 })
    .onConflictDoUpdate((row) => ({ deposits: row.deposits + assets, depositCount: row.depositCount + 1 }));
});

ponder.on("BrBtcVault:Withdraw", async ({ event, context }) => {
  await closeEpochs(context, event);
  const address = lower(event.log.address);
  const { sender, receiver, owner, assets, shares } = event.args;
  const ts = event.block.timestamp;
  const epoch = epochOf(ts);
  await context.db.insert(vaultEvent).values({
    id: event.id,
    vault: address,
    kind: "withdraw",
    sender: lower(sender),
    owner: lower(owner),
    receiver: lower(receiver),
    assets,
    shares,
    blockNumber: event.block.number,
    timestamp: ts,
    epoch,
    txHash: event.transaction.hash,
  });
  await context.db
    .insert(vaultEpoch)
    .values({ vault: address, epoch, ...emptyVaultEpoch, withdrawals: assets, withdrawalCount: 1 })
    .onConflictDoUpdate((row) => ({ withdrawals: row.withdrawals + assets, withdrawalCount: row.withdrawalCount + 1 }));
});

ponder.on("BrBtcVault:Transfer", async ({ event, context }) => {
  await closeEpochs(context, event);
  const address = lower(event.log.address);
  const from = lower(event.args.from);
  const to = lower(event.args.to);
  const value = event.args.value;
  if (from !== ZERO_ADDRESS) {
    await context.db
      .insert(vaultPosition)
      .values({ vault: address, owner: from, shares: -value })
      .onConflictDoUpdate((row) => ({ shares: row.shares - value }));
  }
  if (to !== ZERO_ADDRESS) {
    await context.db
      .insert(vaultPosition)
      .values({ vault: address, owner: to, shares: value })
      .onConflictDoUpdate((row) => ({ shares: row.shares + value }));
  }
  if (from === ZERO_ADDRESS) await addToVault(context, address, 0n, value);
  else if (to === ZERO_ADDRESS) await addToVault(context, address, 0n, -value);
  else {
    await context.db.insert(vaultEvent).values({
      id: event.id,
      vault: address,
      kind: "transfer",
      sender: from,
      owner: to,
      receiver: null,
      assets: 0n,
      shares: value,
      blockNumber: event.block.number,
      timestamp: event.block.timestamp,
      epoch: epochOf(event.block.timestamp),
      txHash: event.transaction.hash,
    });
  }
});

// The asset balance is `totalAssets()`: deposits, withdrawals and plain transfers (yield).
ponder.on("VaultAssetIn:Transfer", async ({ event, context }) => {
  await closeEpochs(context, event);
  const to = lower(event.args.to);
  if (lower(event.args.from) === to || !vaultOf(to)) return;
  await addToVault(context, to, event.args.value, 0n);
});

ponder.on("VaultAssetOut:Transfer", async ({ event, context }) => {
  await closeEpochs(context, event);
  const from = lower(event.args.from);
  if (lower(event.args.to) === from || !vaultOf(from)) return;
  await addToVault(context, from, -event.args.value, 0n);
});
