package kz.ashyq.publish;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.thrift.TConfiguration;
import org.apache.thrift.transport.TTransport;
import org.apache.thrift.transport.TTransportException;

/**
 * A Thrift transport over a stream with its own buffer, which it shows to the protocol. Jena's
 * RDF Thrift goes through Thrift's stream transport, which has none: Thrift's compact protocol
 * then reads every byte with a call to the stream, and that took 7 of the 15 s of reading back a
 * million-row registry's staged triples. With the buffer shown, it reads bytes, strings and
 * numbers straight from the array. Hand-written for that reason; one direction per transport.
 */
final class BufferedTransport extends TTransport {

    private static final int SIZE = 1 << 16;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] buffer = new byte[SIZE];
    private int position;
    private int limit;

    private BufferedTransport(InputStream in, OutputStream out) {
        this.in = in;
        this.out = out;
    }

    static BufferedTransport reading(InputStream in) {
        return new BufferedTransport(in, null);
    }

    static BufferedTransport writing(OutputStream out) {
        return new BufferedTransport(null, out);
    }

    @Override
    public int read(byte[] into, int offset, int length) throws TTransportException {
        if (position == limit && !fill()) {
            // the type Jena's reader takes for the end of the rows, as Thrift's stream transport throws
            throw new TTransportException(TTransportException.END_OF_FILE, "end of the staged rows");
        }
        int n = Math.min(length, limit - position);
        System.arraycopy(buffer, position, into, offset, n);
        position += n;
        return n;
    }

    /** Reads more of the stream into the empty buffer; false at its end. */
    private boolean fill() throws TTransportException {
        try {
            int n = in.read(buffer, 0, SIZE);
            position = 0;
            limit = Math.max(n, 0);
            return n > 0;
        } catch (IOException e) {
            throw new TTransportException(e);
        }
    }

    /** The read buffer; Thrift asks {@link #getBytesRemainingInBuffer} first, which fills it. */
    @Override
    public byte[] getBuffer() {
        return in == null ? null : buffer;
    }

    @Override
    public int getBufferPosition() {
        return position;
    }

    @Override
    public int getBytesRemainingInBuffer() {
        if (in == null) {
            return -1;
        }
        if (position == limit) {
            try {
                fill();
            } catch (TTransportException e) {
                return 0;
            }
        }
        return limit - position;
    }

    @Override
    public void consumeBuffer(int length) {
        position += length;
    }

    @Override
    public void write(byte[] from, int offset, int length) throws TTransportException {
        if (length > SIZE - limit) {
            drain();
            if (length > SIZE) {
                try {
                    out.write(from, offset, length);
                } catch (IOException e) {
                    throw new TTransportException(e);
                }
                return;
            }
        }
        System.arraycopy(from, offset, buffer, limit, length);
        limit += length;
    }

    private void drain() throws TTransportException {
        try {
            out.write(buffer, 0, limit);
            limit = 0;
        } catch (IOException e) {
            throw new TTransportException(e);
        }
    }

    @Override
    public void flush() throws TTransportException {
        drain();
        try {
            out.flush();
        } catch (IOException e) {
            throw new TTransportException(e);
        }
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public void open() {
        // opened with its stream
    }

    @Override
    public void close() {
        // the stream's owner closes it
    }

    @Override
    public TConfiguration getConfiguration() {
        return TConfiguration.DEFAULT;
    }

    @Override
    public void updateKnownMessageSize(long size) {
        // no message framing: one stream of rows
    }

    @Override
    public void checkReadBytesAvailable(long numBytes) {
        // lengths are checked by reading them
    }
}
