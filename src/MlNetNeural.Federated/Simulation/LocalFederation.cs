using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.ML;
using MlNetNeural.Federated.Hosting;
using Orleans.Configuration;
using Orleans.Hosting;

namespace MlNetNeural.Federated.Simulation;

/// <summary>
/// A federation on this machine: one Orleans silo for the coordinator and one per site, each its own host talking to
/// the others over localhost TCP exactly as silos on separate machines would (development clustering with the
/// coordinator's silo as primary, memory grain storage). For trying federated training, tests and benchmarks; a
/// real deployment runs the same silo configuration on each institution's machine (see docs/federated.md).
/// </summary>
public sealed class LocalFederation : IAsyncDisposable
{
    private readonly Dictionary<string, (IDataView Data, IHost? Host)> _sites = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];
    private readonly string _clusterId = "mlnetneural-" + Guid.NewGuid().ToString("N")[..12];
    private readonly ILoggerProvider? _logging;
    private IHost _coordinator = null!;
    private IPEndPoint _primary = null!;

    private LocalFederation(ILoggerProvider? logging) => _logging = logging;

    /// <summary>The site names, in the order given.</summary>
    public IReadOnlyList<string> Sites => _order;

    /// <summary>A grain factory on the coordinator's silo, for <see cref="FederatedTraining.TrainAsync"/>.</summary>
    public IGrainFactory Grains => _coordinator.Services.GetRequiredService<IGrainFactory>();

    /// <summary>Starts the coordinator's silo and one silo per site, each site's silo holding only that site's data.</summary>
    /// <param name="sites">Site names with their data (the trainer's label and feature columns).</param>
    /// <param name="logging">Receives every silo's log (round reports, dropped sites); null for none.</param>
    public static async Task<LocalFederation> StartAsync(IEnumerable<KeyValuePair<string, IDataView>> sites, ILoggerProvider? logging = null)
    {
        ArgumentNullException.ThrowIfNull(sites);
        var federation = new LocalFederation(logging);
        foreach (var (name, data) in sites)
        {
            ArgumentNullException.ThrowIfNull(data);
            if (!federation._sites.TryAdd(name, (data, null))) throw new ArgumentException($"Site '{name}' is listed twice.", nameof(sites));
            federation._order.Add(name);
        }
        try
        {
            int coordinatorPort = FreePort();
            federation._primary = new IPEndPoint(IPAddress.Loopback, coordinatorPort);
            federation._coordinator = await federation.StartSilo(coordinatorPort, silo => silo.AddFederatedCoordinator());
            foreach (string site in federation._order) await federation.StartSiteAsync(site);
        }
        catch
        {
            await federation.DisposeAsync();
            throw;
        }
        return federation;
    }

    /// <summary>Trains across the sites (all of them when <see cref="FederatedOptions.Sites"/> is empty).</summary>
    /// <param name="options">The study.</param>
    /// <param name="progress">Told about every completed round.</param>
    /// <param name="cancellation">Cancels the study.</param>
    public Task<FederatedTrainingResult> TrainAsync(FederatedOptions options, IProgress<RoundReport>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Sites.Count == 0) options.Sites = [.. _order];
        return FederatedTraining.TrainAsync(Grains, options, progress, cancellation);
    }

    /// <summary>Starts (or restarts, to rejoin) the silo of <paramref name="site"/>.</summary>
    /// <param name="site">A site of this federation.</param>
    public async Task StartSiteAsync(string site)
    {
        var (data, host) = Find(site);
        if (host is not null) throw new InvalidOperationException($"Site '{site}' is already running.");
        var started = await StartSilo(FreePort(), silo => silo.AddFederatedSite(site, _ => data));
        _sites[site] = (data, started);
    }

    /// <summary>Stops the silo of <paramref name="site"/> abruptly, as a crash or a cut network would: no graceful shutdown.</summary>
    /// <param name="site">A running site.</param>
    public async Task KillSiteAsync(string site)
    {
        var (data, host) = Find(site);
        if (host is null) throw new InvalidOperationException($"Site '{site}' is not running.");
        _sites[site] = (data, null);
        await host.StopAsync(new CancellationToken(canceled: true));
        host.Dispose();
    }

    /// <summary>Stops every silo, sites first.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var site in _order)
        {
            if (_sites[site].Host is { } host)
            {
                await host.StopAsync(new CancellationToken(canceled: true));
                host.Dispose();
                _sites[site] = (_sites[site].Data, null);
            }
        }
        if (_coordinator is not null)
        {
            await _coordinator.StopAsync(new CancellationToken(canceled: true));
            _coordinator.Dispose();
        }
    }

    private (IDataView Data, IHost? Host) Find(string site) =>
        _sites.TryGetValue(site, out var entry) ? entry : throw new ArgumentException($"This federation has no site '{site}'; it has {string.Join(", ", _order)}.", nameof(site));

    private async Task<IHost> StartSilo(int siloPort, Action<ISiloBuilder> role)
    {
        var host = new HostBuilder()
            .UseOrleans(silo =>
            {
                bool isPrimary = siloPort == _primary.Port;
                silo.UseLocalhostClustering(siloPort, FreePort(), isPrimary ? null : _primary, serviceId: "mlnetneural-federated", clusterId: _clusterId);
                // Notice a dead site within seconds rather than the production default of about a minute.
                silo.Configure<ClusterMembershipOptions>(o =>
                {
                    o.ProbeTimeout = TimeSpan.FromSeconds(1);
                    o.NumMissedProbesLimit = 2;
                    o.NumVotesForDeathDeclaration = 1;
                    o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(2);
                });
                silo.AddMemoryGrainStorage(FederatedSilos.StorageName);
                role(silo);
            })
            .ConfigureLogging(builder =>
            {
                builder.ClearProviders();
                if (_logging is not null) builder.AddProvider(_logging);
            })
            .Build();
        await host.StartAsync();
        return host;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
