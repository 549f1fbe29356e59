package org.example.storage;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The blocks stored on this node's volumes: temporary replicas being written, finalized replicas, and
 * the files behind them. All changes to the replica map happen under the dataset lock.
 */
public class FsDataset {
  private static final Logger LOG = LoggerFactory.getLogger(FsDataset.class);

  /** The replica of a block this node holds, and the state of its file. */
  public static class Replica {
    enum State { TEMPORARY, RBW, FINALIZED }

    final Block block;
    final File file;
    State state;

    Replica(Block block, File file, State state) {
      this.block = block;
      this.file = file;
      this.state = state;
    }

    public Block getBlock() {
      return block;
    }

    public File getBlockFile() {
      return file;
    }
  }

  public static class ReplicaNotFoundException extends IOException {
    private static final long serialVersionUID = 1L;

    public ReplicaNotFoundException(String message) {
      super(message);
    }
  }

  public static class ReplicaAlreadyExistsException extends IOException {
    private static final long serialVersionUID = 1L;

    public ReplicaAlreadyExistsException(String message) {
      super(message);
    }
  }

  public static class DiskOutOfSpaceException extends IOException {
    private static final long serialVersionUID = 1L;

    public DiskOutOfSpaceException(String message) {
      super(message);
    }
  }

  private final Map<Long, Replica> volumeMap = new HashMap<>();
  private final File currentDir;
  private final VolumeChecker checker;
  private final long reserved;
  private long dfsUsed;

  public FsDataset(File currentDir, long reserved) {
    this.currentDir = currentDir;
    this.reserved = reserved;
    this.checker = new VolumeChecker(currentDir);
  }

  public long getRemaining() {
    return currentDir.getUsableSpace() - reserved;
  }

  public long getDfsUsed() {
    return dfsUsed;
  }

  /** Creates the temporary replica a block receiver writes into. */
  public Replica createTemporary(Block b) throws IOException {
    synchronized (this) {
      Replica existing = volumeMap.get(b.getBlockId());
      if (existing != null) {
        throw new ReplicaAlreadyExistsException("Block " + b + " already exists in state " + existing.state
            + " and thus cannot be created.");
      }
      if (getRemaining() < b.getNumBytes()) {
        LOG.warn("Insufficient space for placing block {} on volume {}: {} bytes left", b, currentDir, getRemaining());
        throw new DiskOutOfSpaceException("Out of space: the volume has " + getRemaining() + " bytes left");
      }
      File f = new File(currentDir, "tmp" + File.separator + b.getBlockName());
      Replica r = new Replica(b, f, Replica.State.TEMPORARY);
      volumeMap.put(b.getBlockId(), r);
      LOG.debug("Created temporary replica {} at {}", b, f);
      return r;
    }
  }

  /** Moves a fully received replica to the finalized directory. */
  public void finalizeBlock(Block b) throws IOException {
    Replica r;
    synchronized (this) {
      r = volumeMap.get(b.getBlockId());
      if (r == null) {
        throw new ReplicaNotFoundException("Cannot finalize block " + b + ": replica not found");
      }
      if (r.state == Replica.State.FINALIZED) {
        LOG.debug("Block {} is already finalized", b);
        return;
      }
      r.state = Replica.State.FINALIZED;
      dfsUsed += b.getNumBytes();
    }
    LOG.info("Finalized block {} of size {} in {}", b, b.getNumBytes(), currentDir);
  }

  public synchronized Replica getReplica(long blockId) {
    return volumeMap.get(blockId);
  }

  /** The replica, or an exception naming the block when this node does not have it. */
  public Replica getReplicaOrThrow(Block b) throws ReplicaNotFoundException {
    Replica r = getReplica(b.getBlockId());
    if (r == null) {
      throw new ReplicaNotFoundException("Replica not found for " + b);
    }
    return r;
  }

  /** Deletes the files of blocks the name service told us to invalidate. */
  public void invalidate(Block[] invalidBlks) throws IOException {
    boolean error = false;
    for (int i = 0; i < invalidBlks.length; i++) {
      Block b = invalidBlks[i];
      Replica r;
      synchronized (this) {
        r = volumeMap.remove(b.getBlockId());
      }
      if (r == null) {
        LOG.warn("Failed to delete replica {}: ReplicaInfo not found.", b);
        error = true;
        continue;
      }
      if (!r.file.delete()) {
        LOG.warn("Failed to delete replica {}: file {} could not be deleted", b, r.file);
        error = true;
        continue;
      }
      dfsUsed -= b.getNumBytes();
      LOG.info("Deleting block {} file {}", b, r.file);
    }
    if (error) {
      throw new IOException("Error in deleting blocks.");
    }
  }

  /** Every finalized block, for the block report. */
  public synchronized List<Block> getBlockReport() {
    List<Block> blocks = new ArrayList<>();
    for (Replica r : volumeMap.values()) {
      if (r.state != Replica.State.FINALIZED) {
        continue;
      }
      blocks.add(new Block(r.block));
    }
    return blocks;
  }

  /** Checks the volume; a failed volume makes the whole dataset unusable. */
  public void checkDataDir() throws DiskOutOfSpaceException {
    if (!checker.check()) {
      LOG.error("Volume {} failed the disk check, removing it", currentDir);
      throw new DiskOutOfSpaceException("All directories in " + currentDir + " are invalid");
    }
  }
}
