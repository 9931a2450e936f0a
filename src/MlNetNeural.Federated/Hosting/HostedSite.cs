using Microsoft.ML;

namespace MlNetNeural.Federated.Hosting;

/// <summary>The site a silo is home to, registered with <see cref="FederatedSiloBuilderExtensions.AddFederatedSite"/>; its data never leaves the silo.</summary>
/// <param name="Site">The site's name (also the silo's name).</param>
/// <param name="Data">Opens the site's rows.</param>
internal sealed record HostedSite(string Site, Func<IServiceProvider, IDataView> Data)
{
    /// <summary>The rows of <paramref name="site"/>, or an error saying this silo is not its home.</summary>
    public static IDataView Open(IServiceProvider services, string site)
    {
        var hosted = services.GetService(typeof(HostedSite)) as HostedSite;
        if (hosted is null || hosted.Site != site)
            throw new InvalidOperationException(
                $"Site '{site}' has no data on this silo ({(hosted is null ? "it hosts no site" : $"it hosts '{hosted.Site}'")}). " +
                "Register the data on the site's own silo with siloBuilder.AddFederatedSite(name, data).");
        return hosted.Data(services);
    }
}
