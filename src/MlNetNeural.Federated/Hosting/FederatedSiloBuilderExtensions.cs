using Microsoft.Extensions.DependencyInjection;
using Microsoft.ML;
using Orleans.Configuration;
using Orleans.Hosting;

namespace MlNetNeural.Federated.Hosting;

/// <summary>Silo configuration for federated training: every silo adds <see cref="AddFederatedLearning"/>; a site's silo adds its data with <see cref="AddFederatedSite"/>, the coordinator's silo <see cref="AddFederatedCoordinator"/>.</summary>
public static class FederatedSiloBuilderExtensions
{
    /// <summary>
    /// Registers the placement of site and coordinator grains (each on its named silo). Call it on every silo of the
    /// federation. The coordinator also needs a grain storage named <see cref="FederatedSilos.StorageName"/> on every silo.
    /// </summary>
    /// <param name="silo">The silo being configured.</param>
    public static ISiloBuilder AddFederatedLearning(this ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        if (!silo.Services.Any(s => s.ServiceType == typeof(NamedSiloPlacementDirector)))
        {
            silo.Services.AddSingleton<NamedSiloPlacementDirector>();
            silo.Services.AddPlacementDirector<SitePlacementStrategy>(services => services.GetRequiredService<NamedSiloPlacementDirector>());
            silo.Services.AddPlacementDirector<CoordinatorPlacementStrategy>(services => services.GetRequiredService<NamedSiloPlacementDirector>());
        }
        return silo;
    }

    /// <summary>
    /// Makes this silo the home of site <paramref name="siteName"/>: names the silo after the site (so the site's grain is
    /// placed here and nowhere else) and registers the data it trains on, which never leaves this process.
    /// </summary>
    /// <param name="silo">The site's silo.</param>
    /// <param name="siteName">The site's name, as the study lists it.</param>
    /// <param name="data">Opens the site's rows (with the trainer's label and feature columns) when the site first needs them.</param>
    public static ISiloBuilder AddFederatedSite(this ISiloBuilder silo, string siteName, Func<IServiceProvider, IDataView> data)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(siteName);
        ArgumentNullException.ThrowIfNull(data);
        if (siteName == FederatedSilos.CoordinatorSiloName)
            throw new ArgumentException($"'{FederatedSilos.CoordinatorSiloName}' is the coordinator's silo name; give the site another.", nameof(siteName));
        if (silo.Services.FirstOrDefault(s => s.ServiceType == typeof(HostedSite))?.ImplementationInstance is HostedSite existing)
            throw new InvalidOperationException($"This silo is already the home of site '{existing.Site}'; run one silo per site (a site's grain is placed on the silo named after it).");
        silo.AddFederatedLearning();
        silo.Configure<SiloOptions>(options => options.SiloName = siteName);
        silo.Services.AddSingleton(new HostedSite(siteName, data));
        silo.Services.AddSingleton<Sites.SiteMemory>();
        return silo;
    }

    /// <summary>Names this silo <see cref="FederatedSilos.CoordinatorSiloName"/>, where coordinator grains are placed.</summary>
    /// <param name="silo">The coordinator's silo.</param>
    public static ISiloBuilder AddFederatedCoordinator(this ISiloBuilder silo)
    {
        silo.AddFederatedLearning();
        silo.Configure<SiloOptions>(options => options.SiloName = FederatedSilos.CoordinatorSiloName);
        return silo;
    }
}
