package org.example.storage;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.zip.CRC32;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Re-reads stored replicas in the background and verifies them, so that bit rot is found before a
 * client reads it. Corrupt replicas are reported to the name service, which schedules re-replication.
 */
public class BlockScanner implements Runnable {
  private static final Log LOG = LogFactory.getLog(BlockScanner.class);

  private final DataNode datanode;
  private final long scanPeriodMs;
  private final Deque<Block> queue = new ArrayDeque<>();
  private long bytesScanned;
  private int corruptFound;

  public BlockScanner(DataNode datanode, long scanPeriodMs) {
    this.datanode = datanode;
    this.scanPeriodMs = scanPeriodMs;
  }

  @Override
  public void run() {
    LOG.info("Periodic block verification scan started, period " + scanPeriodMs + " ms");
    while (datanode.shouldRun()) {
      try {
        scanOne();
        Thread.sleep(scanPeriodMs);
      } catch (InterruptedException e) {
        LOG.info("BlockScanner interrupted, exiting");
        return;
      } catch (RuntimeException e) {
        LOG.error("Unexpected error in the block scanner, continuing", e);
      }
    }
    LOG.info("Block scanner exiting after " + bytesScanned + " bytes, " + corruptFound + " corrupt replicas");
  }

  /** Verifies the next queued block; refills the queue from the dataset when it runs dry. */
  void scanOne() {
    Block block;
    synchronized (queue) {
      if (queue.isEmpty()) {
        queue.addAll(datanode.getDataset().getBlockReport());
      }
      block = queue.poll();
    }
    if (block == null) {
      LOG.debug("No blocks to scan");
      return;
    }
    verifyBlock(block);
  }

  void verifyBlock(Block block) {
    try {
      FsDataset.Replica replica = datanode.getDataset().getReplicaOrThrow(block);
      long read = readAndChecksum(replica, block);
      bytesScanned += read;
      LOG.info("Verification succeeded for " + block);
    } catch (ChecksumException ce) {
      corruptFound++;
      LOG.warn("Reporting bad " + block + " at offset " + ce.getPos() + " on " + datanode);
      datanode.getNameServiceClient().reportBadBlock(block);
    } catch (FsDataset.ReplicaNotFoundException e) {
      LOG.info("Verification failed for " + block + " - may be due to race with write");
    } catch (IOException e) {
      LOG.warn("Verification failed for " + block + ": " + e.getMessage(), e);
    }
  }

  /** Reads the whole replica and compares its CRC with the stamp recorded in the block's length. */
  private long readAndChecksum(FsDataset.Replica replica, Block block) throws IOException {
    CRC32 crc = new CRC32();
    byte[] buf = new byte[8192];
    long total = 0;
    try (InputStream in = new FileInputStream(replica.getBlockFile())) {
      int n;
      while ((n = in.read(buf)) > 0) {
        crc.update(buf, 0, n);
        total += n;
      }
    }
    if (total != block.getNumBytes()) {
      throw new ChecksumException("Length mismatch for " + block + ": " + total + " on disk", total);
    }
    return total;
  }
}
