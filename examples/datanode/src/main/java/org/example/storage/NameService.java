package org.example.storage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The name service's view of the data nodes: registrations, heartbeats, block reports, and where new
 * blocks go. Data nodes talk to it through NameServiceClient.
 */
public class NameService {
  private static final Logger LOG = LoggerFactory.getLogger(NameService.class);
  /** Block state changes, logged from here and from the data node side. */
  public static final Logger stateChangeLog = LoggerFactory.getLogger("org.example.storage.StateChange");

  public static final int DNA_TRANSFER = 1;
  public static final int DNA_INVALIDATE = 2;
  public static final int DNA_SHUTDOWN = 3;
  public static final int DNA_REGISTER = 4;
  public static final int DNA_BLOCKREPORT = 5;

  /** An order for a data node, piggybacked on a heartbeat reply. */
  public static class Command {
    final int action;
    final Block[] blocks;
    final DatanodeInfo[] targets;

    public Command(int action, Block[] blocks, DatanodeInfo[] targets) {
      this.action = action;
      this.blocks = blocks;
      this.targets = targets;
    }
  }

  private final Map<String, DatanodeInfo> datanodeMap = new HashMap<>();
  private final Map<Long, List<DatanodeInfo>> blocksMap = new HashMap<>();
  private final Map<String, List<Command>> pending = new HashMap<>();
  private final Random random;
  private long nextBlockId = 1073741825L;
  private long generationStamp = 1001L;

  public NameService(long seed) {
    this.random = new Random(seed);
  }

  public synchronized void registerDatanode(DatanodeInfo nodeReg) throws IOException {
    if (nodeReg.getStorageId() == null || nodeReg.getStorageId().isEmpty()) {
      throw new IOException("Datanode " + nodeReg + " has no storage id");
    }
    DatanodeInfo existing = datanodeMap.get(nodeReg.getStorageId());
    if (existing != null && !existing.getXferAddr().equals(nodeReg.getXferAddr())) {
      stateChangeLog.info("BLOCK* registerDatanode: {} is replaced by {} with the same storageID {}",
          existing, nodeReg, nodeReg.getStorageId());
    }
    datanodeMap.put(nodeReg.getStorageId(), nodeReg);
    stateChangeLog.info("BLOCK* registerDatanode: from {} storage {}", nodeReg, nodeReg.getStorageId());
  }

  /** Records liveness and capacity; returns the commands queued for the node. */
  public synchronized Command[] handleHeartbeat(DatanodeInfo node, long remaining, int xceivers) throws IOException {
    DatanodeInfo known = datanodeMap.get(node.getStorageId());
    if (known == null) {
      LOG.warn("Heartbeat from unregistered datanode {}", node);
      return new Command[] {new Command(DNA_REGISTER, new Block[0], new DatanodeInfo[0])};
    }
    known.setLastUpdate(System.currentTimeMillis());
    known.setRemaining(remaining);
    known.setXceiverCount(xceivers);
    List<Command> cmds = pending.remove(node.getStorageId());
    return cmds == null ? new Command[0] : cmds.toArray(new Command[0]);
  }

  /** Chooses the block id and the targets of a new block of `src`. */
  public synchronized Block allocateBlock(String src, int replication) throws IOException {
    Block b = new Block(nextBlockId++, 0, generationStamp++);
    List<DatanodeInfo> targets = chooseTargets(replication);
    if (targets.isEmpty()) {
      throw new IOException("File " + src + " could only be replicated to 0 nodes instead of minReplication (=1)");
    }
    blocksMap.put(b.getBlockId(), targets);
    stateChangeLog.info("BLOCK* NameSystem.allocateBlock: {}. {}", src, b);
    return b;
  }

  private List<DatanodeInfo> chooseTargets(int replication) {
    List<DatanodeInfo> candidates = new ArrayList<>(datanodeMap.values());
    List<DatanodeInfo> chosen = new ArrayList<>();
    while (chosen.size() < replication && !candidates.isEmpty()) {
      DatanodeInfo dn = candidates.remove(random.nextInt(candidates.size()));
      if (dn.getRemaining() <= 0) {
        LOG.debug("Node {} is not chosen since it does not have enough space", dn);
        continue;
      }
      chosen.add(dn);
    }
    if (chosen.size() < replication) {
      LOG.warn("Failed to place enough replicas, still in need of {} to reach {}", replication - chosen.size(),
          replication);
    }
    return chosen;
  }

  public synchronized void blockReceived(DatanodeInfo node, Block block) {
    List<DatanodeInfo> locs = blocksMap.computeIfAbsent(block.getBlockId(), id -> new ArrayList<>());
    if (!locs.contains(node)) {
      locs.add(node);
    }
    stateChangeLog.info("BLOCK* addStoredBlock: blockMap updated: {} is added to {} size {}", node, block,
        block.getNumBytes());
  }

  public synchronized void processReport(DatanodeInfo node, List<Block> report) {
    long start = System.currentTimeMillis();
    int added = 0;
    for (Block b : report) {
      List<DatanodeInfo> locs = blocksMap.get(b.getBlockId());
      if (locs == null) {
        queueCommand(node, new Command(DNA_INVALIDATE, new Block[] {b}, new DatanodeInfo[0]));
        stateChangeLog.info("BLOCK* processReport: {} on {} size {} does not belong to any file", b, node,
            b.getNumBytes());
        continue;
      }
      if (!locs.contains(node)) {
        locs.add(node);
        added++;
      }
    }
    stateChangeLog.info("BLOCK* processReport: from {}, blocks: {}, new: {}, processing time: {} msecs", node,
        report.size(), added, System.currentTimeMillis() - start);
  }

  public synchronized void reportBadBlock(DatanodeInfo node, Block block) {
    stateChangeLog.info("*DIR* reportBadBlocks for block: {} on datanode: {}", block, node);
    List<DatanodeInfo> locs = blocksMap.getOrDefault(block.getBlockId(), new ArrayList<>());
    locs.remove(node);
    if (locs.isEmpty()) {
      LOG.error("Block {} has no remaining good replicas", block);
      return;
    }
    queueCommand(locs.get(0), new Command(DNA_TRANSFER, new Block[] {block}, new DatanodeInfo[] {node}));
  }

  private void queueCommand(DatanodeInfo node, Command cmd) {
    pending.computeIfAbsent(node.getStorageId(), k -> new ArrayList<>()).add(cmd);
  }
}
