/** Prints a TCP port that is free on the loopback interface now (for scripts that start servers). */
public final class FreePort {
    private FreePort() {
    }

    public static void main(String[] args) throws java.io.IOException {
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            System.out.println(socket.getLocalPort());
        }
    }
}
