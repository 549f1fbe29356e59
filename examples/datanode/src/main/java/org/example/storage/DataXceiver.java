package org.example.storage;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Serves one data-transfer connection: reads the operation code, then receives or sends a block. */
public class DataXceiver implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(DataXceiver.class);

  enum Op { WRITE_BLOCK, READ_BLOCK, TRANSFER_BLOCK, BLOCK_CHECKSUM }

  private final Socket peer;
  private final DataNode datanode;
  private final String remoteAddress;
  private final String localAddress;
  private Op op;

  public DataXceiver(Socket peer, DataNode datanode) {
    this.peer = peer;
    this.datanode = datanode;
    this.remoteAddress = peer.getRemoteSocketAddress().toString();
    this.localAddress = peer.getLocalSocketAddress().toString();
  }

  @Override
  public void run() {
    datanode.xceiverStarted();
    try (DataInputStream in = new DataInputStream(peer.getInputStream())) {
      op = Op.values()[in.readByte()];
      processOp(op, in);
    } catch (ChecksumException ce) {
      LOG.warn("{}: checksum error receiving from {} at offset {}", datanode, remoteAddress, ce.getPos());
    } catch (FsDataset.ReplicaAlreadyExistsException e) {
      LOG.info("{}: {} for {}", datanode, e.getMessage(), op);
    } catch (IOException e) {
      LOG.error("{}:DataXceiver error processing {} operation src: {} dst: {}", datanode, op, remoteAddress,
          localAddress, e);
    } finally {
      datanode.xceiverStopped();
      closeQuietly();
    }
  }

  private void processOp(Op op, DataInputStream in) throws IOException {
    switch (op) {
      case WRITE_BLOCK -> writeBlock(in);
      case READ_BLOCK -> readBlock(in);
      case TRANSFER_BLOCK -> {
        Block b = readBlockHeader(in);
        datanode.getPipeline().transferBlock(b, readTargets(in));
      }
      default -> throw new IOException("Unknown op " + op + " in data stream");
    }
  }

  /** Receives a block from upstream and forwards it downstream if there are more targets. */
  private void writeBlock(DataInputStream in) throws IOException {
    Block block = readBlockHeader(in);
    DatanodeInfo[] targets = readTargets(in);
    LOG.debug("writeBlock {} receive buf size {} tcp no delay {}", block, peer.getReceiveBufferSize(),
        peer.getTcpNoDelay());
    Socket mirrorSock = null;
    DataOutputStream mirrorOut = null;
    DataInputStream mirrorIn = null;
    String mirrorAddr = targets.length > 0 ? targets[0].getXferAddr() : null;
    BlockReceiver receiver = new BlockReceiver(block, in, remoteAddress, localAddress, datanode);
    try {
      if (targets.length > 0) {
        mirrorSock = datanode.getPipeline().connectToMirror(block, targets);
        mirrorOut = new DataOutputStream(mirrorSock.getOutputStream());
        mirrorIn = new DataInputStream(mirrorSock.getInputStream());
      }
      receiver.receiveBlock(mirrorOut, mirrorIn, mirrorAddr, targets);
    } catch (IOException ioe) {
      LOG.info("opWriteBlock {} received exception {}", block, ioe.toString());
      throw ioe;
    } finally {
      receiver.close();
      if (mirrorSock != null) {
        mirrorSock.close();
      }
    }
  }

  /** Streams a stored block to the client. */
  private void readBlock(DataInputStream in) throws IOException {
    Block block = readBlockHeader(in);
    FsDataset.Replica replica = datanode.getDataset().getReplicaOrThrow(block);
    try (DataOutputStream out = new DataOutputStream(peer.getOutputStream())) {
      long sent = datanode.sendReplica(replica, out);
      LOG.info("{} Served block {} to {} ({} bytes)", localAddress, block, remoteAddress, sent);
    } catch (IOException ioe) {
      LOG.warn("{}:Got exception while serving {} to {}", datanode, block, remoteAddress, ioe);
      throw ioe;
    }
  }

  private Block readBlockHeader(DataInputStream in) throws IOException {
    long id = in.readLong();
    long gs = in.readLong();
    long len = in.readLong();
    return new Block(id, len, gs);
  }

  private DatanodeInfo[] readTargets(DataInputStream in) throws IOException {
    int n = in.readInt();
    DatanodeInfo[] targets = new DatanodeInfo[n];
    for (int i = 0; i < n; i++) {
      targets[i] = new DatanodeInfo(in.readUTF(), in.readUTF(), in.readInt(), in.readInt(), in.readUTF());
    }
    return targets;
  }

  private void closeQuietly() {
    try {
      peer.close();
    } catch (IOException e) {
      LOG.debug("Error closing socket from {}", remoteAddress, e);
    }
  }
}
