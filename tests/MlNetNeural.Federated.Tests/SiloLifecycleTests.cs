using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.ML;
using MlNetNeural.Federated.Hosting;
using MlNetNeural.Federated.Simulation;
using Xunit.Abstractions;

namespace MlNetNeural.Federated.Tests;

/// <summary>Starting and stopping a LocalFederation's silos cannot hang: taken ports, an unreachable coordinator.</summary>
public sealed class SiloLifecycleTests(ITestOutputHelper output)
{
    private static readonly SiloTimeouts Short = new(TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(10));

    [Fact]
    public void Reserved_ports_are_not_handed_out_as_free_ones_and_a_silo_binds_and_listens_on_them_beside_the_reservation()
    {
        var reservations = Enumerable.Range(0, 50).Select(_ => PortReservation.OnLoopback()).ToList();
        try
        {
            var reserved = reservations.Select(r => r.Port).ToHashSet();
            // 2,000 requests for a free port over ~28,000 ephemeral ports would hit one of 50 unprotected ports ~3.5 times.
            for (int probe = 0; probe < 2000; probe++)
            {
                using var free = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                free.Bind(new IPEndPoint(IPAddress.Loopback, 0));
                int port = ((IPEndPoint)free.LocalEndPoint!).Port;
                Assert.False(reserved.Contains(port), $"reserved port {port} was handed out as free");
            }

            using var silo = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            silo.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            silo.Bind(new IPEndPoint(IPAddress.Loopback, reservations[0].Port));
            silo.Listen();
        }
        finally
        {
            foreach (var reservation in reservations) reservation.Dispose();
        }
    }

    [Fact(Timeout = TestLimits.Federation)]
    public async Task A_port_taken_by_another_listener_is_replaced_and_the_federation_trains()
    {
        var taken = TakenPort();
        int handedOut = 0;
        PortReservation Reserve() => Interlocked.Increment(ref handedOut) == 1 ? taken.Reservation : PortReservation.OnLoopback();
        var ml = new MLContext(seed: 1);

        await using var federation = await LocalFederation.StartAsync(WdbcData.SiteViews(ml, WdbcData.Split().Sites), null, SiloTimeouts.Default, Reserve);
        var result = await federation.TrainAsync(new FederatedOptions { Study = "wdbc-taken-port", Trainer = WdbcFederation.Trainer(), Rounds = 1 });

        Assert.NotEqual(taken.Port, federation.CoordinatorEndpoint.Port);
        Assert.Equal(1 + 1 + federation.Sites.Count, handedOut);
        Assert.Equal(3, result.Rounds[^1].Participants.Length);
    }

    [Fact(Timeout = TestLimits.Federation)]
    public async Task When_every_port_it_is_given_is_taken_the_start_fails_fast_naming_the_silo_and_the_ports()
    {
        var taken = new List<int>();
        PortReservation Reserve()
        {
            var next = TakenPort();
            taken.Add(next.Port);
            return next.Reservation;
        }
        var ml = new MLContext(seed: 1);
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<FederatedTrainingException>(() => LocalFederation.StartAsync(WdbcData.SiteViews(ml, WdbcData.Split().Sites), null, Short, Reserve));
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: {error.Message}");

        Assert.Equal(LocalSilos.PortAttempts, taken.Count);
        Assert.StartsWith("The coordinator's silo found no free port", error.Message);
        Assert.Contains($"{taken[^1]}", error.Message);
        Assert.True(clock.Elapsed < Short.Start * LocalSilos.PortAttempts, $"giving up took {clock.Elapsed}");
    }

    [Fact(Timeout = TestLimits.Federation)]
    public async Task A_site_silo_that_cannot_reach_the_coordinators_silo_fails_within_the_start_timeout_naming_both()
    {
        var silos = new LocalSilos("mlnetneural-test-" + Guid.NewGuid().ToString("N")[..8], null, new FederationCheckpoints(), Short, PortReservation.OnLoopback);
        using var nobody = PortReservation.OnLoopback();
        var primary = new IPEndPoint(IPAddress.Loopback, nobody.Port);
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<FederatedTrainingException>(() => silos.StartAsync("the silo of site 'lonely'", primary, silo => silo.AddFederatedSite("lonely", _ => throw new InvalidOperationException("not read"))));
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: {error.Message}");

        // Orleans alone gives up after its 5-minute join limit.
        Assert.InRange(clock.Elapsed, Short.Start, Short.Start + Short.Stop + TimeSpan.FromSeconds(5));
        Assert.StartsWith("The silo of site 'lonely' did not start within 4 s on 127.0.0.1:", error.Message);
        Assert.Contains($"joining the coordinator's silo at {primary}", error.Message);
    }

    /// <summary>A port held by an ordinary listener (which Orleans cannot bind beside), handed out as if it were reserved.</summary>
    private static (int Port, PortReservation Reservation) TakenPort()
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        var reservation = new PortReservation(listener);
        return (reservation.Port, reservation);
    }
}
