using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.ML;
using MlNetNeural.Federated.Hosting;

namespace MlNetNeural.Federated.Simulation;

/// <summary>
/// A federation on this machine: one Orleans silo for the coordinator and one per site, each its own host talking to
/// the others over localhost TCP exactly as silos on separate machines would (development clustering with the
/// coordinator's silo as primary). For trying federated training, tests and benchmarks; a real deployment runs the same
/// silo configuration on each institution's machine (see docs/federated.md). The coordinator's checkpoints are kept by
/// this object for all its silos, so that killing and restarting silos never loses them, as with a durable store.
/// Every silo start and stop is bounded in time: a silo that does not start within a minute, or stop within 15 seconds,
/// fails with a <see cref="FederatedTrainingException"/> that names it.
/// </summary>
public sealed class LocalFederation : IAsyncDisposable
{
    private readonly Dictionary<string, (IDataView Data, IHost? Host)> _sites = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];
    private readonly LocalSilos _silos;
    private IHost? _coordinator;
    private IPEndPoint? _primary;

    private LocalFederation(LocalSilos silos) => _silos = silos;

    /// <summary>The site names, in the order given.</summary>
    public IReadOnlyList<string> Sites => _order;

    /// <summary>A grain factory on the coordinator's silo, for <see cref="FederatedTraining.TrainAsync"/>.</summary>
    public IGrainFactory Grains => (_coordinator ?? throw new ObjectDisposedException(nameof(LocalFederation))).Services.GetRequiredService<IGrainFactory>();

    /// <summary>The coordinator's silo (the federation's primary), on 127.0.0.1.</summary>
    internal IPEndPoint CoordinatorEndpoint => _primary ?? throw new ObjectDisposedException(nameof(LocalFederation));

    /// <summary>Starts the coordinator's silo and one silo per site, each site's silo holding only that site's data.</summary>
    /// <param name="sites">Site names with their data (the trainer's label and feature columns).</param>
    /// <param name="logging">Receives every silo's log (round reports, dropped sites); null for none.</param>
    /// <exception cref="FederatedTrainingException">A silo did not start within a minute or found no free port; the message names it.</exception>
    public static Task<LocalFederation> StartAsync(IEnumerable<KeyValuePair<string, IDataView>> sites, ILoggerProvider? logging = null) =>
        StartAsync(sites, logging, SiloTimeouts.Default, PortReservation.OnLoopback);

    /// <summary>Starts a federation with the given time limits and port source (tests).</summary>
    internal static async Task<LocalFederation> StartAsync(IEnumerable<KeyValuePair<string, IDataView>> sites, ILoggerProvider? logging,
        SiloTimeouts timeouts, Func<PortReservation> reservePort)
    {
        ArgumentNullException.ThrowIfNull(sites);
        string clusterId = "mlnetneural-" + Guid.NewGuid().ToString("N")[..12];
        var federation = new LocalFederation(new LocalSilos(clusterId, logging, new FederationCheckpoints(), timeouts, reservePort));
        foreach (var (name, data) in sites)
        {
            ArgumentNullException.ThrowIfNull(data);
            if (!federation._sites.TryAdd(name, (data, null))) throw new ArgumentException($"Site '{name}' is listed twice.", nameof(sites));
            federation._order.Add(name);
        }
        try
        {
            (federation._coordinator, federation._primary) = await federation._silos.StartAsync("the coordinator's silo", null, silo => silo.AddFederatedCoordinator());
            foreach (string site in federation._order) await federation.StartSiteAsync(site);
        }
        catch
        {
            // The start failure is the error to report, not a silo that then also failed to stop.
            await federation.StopAll();
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
    /// <exception cref="FederatedTrainingException">The silo did not start within a minute or found no free port.</exception>
    public async Task StartSiteAsync(string site)
    {
        var (data, host) = Find(site);
        if (host is not null) throw new InvalidOperationException($"Site '{site}' is already running.");
        var (started, _) = await _silos.StartAsync(SiloName(site), CoordinatorEndpoint, silo => silo.AddFederatedSite(site, _ => data));
        _sites[site] = (data, started);
    }

    /// <summary>Stops the silo of <paramref name="site"/> abruptly, as a crash or a cut network would: no graceful shutdown.</summary>
    /// <param name="site">A running site.</param>
    /// <exception cref="FederatedTrainingException">The silo did not stop within 15 seconds (it is abandoned) or failed to stop.</exception>
    public async Task KillSiteAsync(string site)
    {
        var (data, host) = Find(site);
        if (host is null) throw new InvalidOperationException($"Site '{site}' is not running.");
        _sites[site] = (data, null);
        if (await _silos.StopAsync(SiloName(site), host) is { } failure) throw new FederatedTrainingException(failure);
    }

    /// <summary>Stops every silo, sites first, each within 15 seconds.</summary>
    /// <exception cref="FederatedTrainingException">Some silo did not stop in time or failed to stop (every other one was still stopped); the message names it.</exception>
    public async ValueTask DisposeAsync()
    {
        var failures = await StopAll();
        if (failures.Count > 0) throw new FederatedTrainingException(string.Join(" ", failures));
    }

    /// <summary>Stops every running silo, sites first; returns what went wrong with those that did not stop.</summary>
    private async Task<List<string>> StopAll()
    {
        var failures = new List<string>();
        foreach (string site in _order)
        {
            if (_sites[site].Host is not { } host) continue;
            _sites[site] = (_sites[site].Data, null);
            if (await _silos.StopAsync(SiloName(site), host) is { } failure) failures.Add(failure);
        }
        if (_coordinator is { } coordinator)
        {
            _coordinator = null;
            if (await _silos.StopAsync("the coordinator's silo", coordinator) is { } failure) failures.Add(failure);
        }
        return failures;
    }

    private static string SiloName(string site) => $"the silo of site '{site}'";

    private (IDataView Data, IHost? Host) Find(string site) =>
        _sites.TryGetValue(site, out var entry) ? entry : throw new ArgumentException($"This federation has no site '{site}'; it has {string.Join(", ", _order)}.", nameof(site));
}
