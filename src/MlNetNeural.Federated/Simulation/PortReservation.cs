using System.Net;
using System.Net.Sockets;

namespace MlNetNeural.Federated.Simulation;

/// <summary>
/// Holds a loopback TCP port from the moment it is chosen until a silo listens on it.
/// </summary>
/// <remarks>
/// Orleans binds its listener with <see cref="SocketOptionName.ReuseAddress"/>, which .NET on Linux maps to both
/// SO_REUSEADDR and SO_REUSEPORT: two silos given the same port both bind it without an error, and the kernel then
/// splits incoming connections between them. Finding a free port by binding port 0 and closing the socket again leaves a
/// window in which another caller (a second federation in this process, another test process) is handed the same port.
/// A reservation binds the port with the same option as Orleans and keeps it bound, without listening: the operating
/// system gives a port that is bound to nobody asking for a free one, the silo can still bind it beside the reservation,
/// and connections reach only listening sockets. Dispose the reservation once the silo listens.
/// </remarks>
internal sealed class PortReservation : IDisposable
{
    private readonly Socket _socket;

    /// <summary>Takes over a socket already bound to the port to hold.</summary>
    /// <param name="boundSocket">The socket; disposed with the reservation.</param>
    internal PortReservation(Socket boundSocket)
    {
        _socket = boundSocket;
        Port = ((IPEndPoint)boundSocket.LocalEndPoint!).Port;
    }

    /// <summary>The reserved port, on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>Reserves a port on 127.0.0.1 that no socket is bound to.</summary>
    public static PortReservation OnLoopback()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            return new PortReservation(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Releases the port (the silo that binds it keeps it from then on).</summary>
    public void Dispose() => _socket.Dispose();
}
