package org.example.storage;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The data node's side of its conversation with the name service, with retries on connection trouble. */
public class NameServiceClient {
  private static final Logger LOG = LoggerFactory.getLogger(NameServiceClient.class);

  private final NameService namenode;
  private final DatanodeInfo self;
  private final int maxRetries;

  public NameServiceClient(NameService namenode, DatanodeInfo self, int maxRetries) {
    this.namenode = namenode;
    this.self = self;
    this.maxRetries = maxRetries;
  }

  public void register() throws IOException {
    retry(() -> {
      namenode.registerDatanode(self);
      return null;
    }, "registerDatanode");
    LOG.info("Block pool registered with the name service as {}", self);
  }

  public NameService.Command[] sendHeartbeat(long remaining, int xceivers) throws IOException {
    return retry(() -> namenode.handleHeartbeat(self, remaining, xceivers), "sendHeartbeat");
  }

  public void blockReport(List<Block> report) throws IOException {
    long start = System.currentTimeMillis();
    namenode.processReport(self, report);
    LOG.info("Successfully sent block report of {} blocks, took {} msecs", report.size(),
        System.currentTimeMillis() - start);
  }

  public void blockReceived(Block block) {
    namenode.blockReceived(self, block);
  }

  /** Corrupt replicas are a state change of the block: logged on the name service's state-change log. */
  public void reportBadBlock(Block block) {
    NameService.stateChangeLog.info("BLOCK* reportBadBlocks from datanode {} for block {}", self, block);
    namenode.reportBadBlock(self, block);
  }

  private <T> T retry(Callable<T> action, String what) throws IOException {
    for (int attempt = 1; ; attempt++) {
      try {
        return action.call();
      } catch (IOException e) {
        if (attempt >= maxRetries) {
          LOG.error("{} failed after {} attempts", what, attempt, e);
          throw e;
        }
        LOG.warn("Problem connecting to the name service for {} (attempt {} of {}): {}", what, attempt, maxRetries,
            e.getMessage());
        sleepQuietly(1000L * attempt);
      } catch (Exception e) {
        throw new IOException(what + " failed", e);
      }
    }
  }

  private static void sleepQuietly(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
    }
  }
}
