using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;

namespace MlNetNeural.Federated.Simulation;

/// <summary>
/// Starts and stops the silos of one <see cref="LocalFederation"/>: each on a loopback port reserved until it listens
/// (<see cref="PortReservation"/>), started within <see cref="SiloTimeouts.Start"/> (a port that turns out to be taken
/// is replaced by a fresh one, <see cref="PortAttempts"/> times at most) and stopped within <see cref="SiloTimeouts.Stop"/>.
/// </summary>
/// <param name="clusterId">The federation's cluster.</param>
/// <param name="logging">Receives every silo's log; null for none.</param>
/// <param name="checkpoints">The federation's grain storage.</param>
/// <param name="timeouts">The time limits.</param>
/// <param name="reservePort">Reserves a port for a silo (<see cref="PortReservation.OnLoopback"/>; tests hand out taken ones).</param>
internal sealed class LocalSilos(string clusterId, ILoggerProvider? logging, FederationCheckpoints checkpoints, SiloTimeouts timeouts, Func<PortReservation> reservePort)
{
    /// <summary>Ports tried per silo before its start fails: 3.</summary>
    public const int PortAttempts = 3;

    /// <summary>Starts a silo named <paramref name="name"/>: the federation's primary when <paramref name="primary"/> is null, else one that joins it.</summary>
    /// <param name="name">The silo's name, for messages ("the coordinator's silo", "the silo of site 'x'").</param>
    /// <param name="primary">The coordinator's silo, or null to start it.</param>
    /// <param name="role">Adds the coordinator or the site.</param>
    /// <returns>The running host and its silo endpoint.</returns>
    /// <exception cref="FederatedTrainingException">The silo did not start in time, or found no free port.</exception>
    public async Task<(IHost Host, IPEndPoint Endpoint)> StartAsync(string name, IPEndPoint? primary, Action<ISiloBuilder> role)
    {
        for (int attempt = 1; ; attempt++)
        {
            using var port = reservePort();
            var endpoint = new IPEndPoint(IPAddress.Loopback, port.Port);
            var host = Build(endpoint, primary, role);
            using var deadline = new CancellationTokenSource(timeouts.Start);
            try
            {
                await host.StartAsync(deadline.Token).WaitAsync(timeouts.Start);
                return (host, endpoint);
            }
            catch (Exception e)
            {
                // The start failure is the error to report, not a failure to stop the silo that did not start.
                await StopAsync(name, host);
                if (IsAddressInUse(e) && attempt < PortAttempts) continue;
                if (IsAddressInUse(e))
                    throw new FederatedTrainingException($"{Capitalized(name)} found no free port: {PortAttempts} ports on 127.0.0.1 were taken (the last, {endpoint.Port}: {e.Message}). Close what holds them, or start the federation again.");
                if (e is TimeoutException || deadline.IsCancellationRequested)
                    throw new FederatedTrainingException(NotStarted(name, endpoint, primary));
                throw;
            }
        }
    }

    /// <summary>
    /// Stops a silo abruptly (as a crash would) and disposes it. Returns null when it stopped, else what went wrong (a
    /// silo that did not stop within <see cref="SiloTimeouts.Stop"/> is abandoned).
    /// </summary>
    /// <param name="name">The silo's name, for the message.</param>
    /// <param name="host">The silo's host.</param>
    public async Task<string?> StopAsync(string name, IHost host)
    {
        try
        {
            await StopAndDispose(host).WaitAsync(timeouts.Stop);
            return null;
        }
        catch (TimeoutException)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"{Capitalized(name)} did not stop within {timeouts.Stop.TotalSeconds:0.#} s and was abandoned; its threads may run until the process ends.");
        }
        catch (Exception e)
        {
            return $"{Capitalized(name)} failed to stop: {e.GetType().Name}: {e.Message}";
        }
    }

    private string NotStarted(string name, IPEndPoint endpoint, IPEndPoint? primary)
    {
        string role = primary is null ? "as the federation's primary silo" : $"joining the coordinator's silo at {primary} (a silo waits while it cannot reach it)";
        return string.Create(CultureInfo.InvariantCulture,
            $"{Capitalized(name)} did not start within {timeouts.Start.TotalSeconds:0.#} s on {endpoint}, {role}. " +
            $"Pass a logging provider to LocalFederation.StartAsync to see the silos' log; on a heavily loaded machine, start the federation again.");
    }

    private IHost Build(IPEndPoint endpoint, IPEndPoint? primary, Action<ISiloBuilder> role) => new HostBuilder()
        .UseOrleans(silo =>
        {
            // Gateway port 0: no gateway (the federation's grains are reached from the coordinator's silo, not from clients).
            silo.UseLocalhostClustering(endpoint.Port, gatewayPort: 0, primary, serviceId: "mlnetneural-federated", clusterId: clusterId);
            // Notice a dead site within seconds rather than the production default of about a minute.
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 2;
                o.NumVotesForDeathDeclaration = 1;
                o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(2);
            });
            checkpoints.AddTo(silo);
            role(silo);
        })
        .ConfigureLogging(builder =>
        {
            builder.ClearProviders();
            if (logging is not null) builder.AddProvider(logging);
        })
        .Build();

    private static async Task StopAndDispose(IHost host)
    {
        await host.StopAsync(new CancellationToken(canceled: true));
        if (host is IAsyncDisposable disposable) await disposable.DisposeAsync();
        else host.Dispose();
    }

    private static bool IsAddressInUse(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is AddressInUseException or SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse }) return true;
        }
        return false;
    }

    private static string Capitalized(string name) => char.ToUpperInvariant(name[0]) + name[1..];
}
