using Microsoft.ML.Runtime;

namespace MlNetNeural.MlNet.Internals;

/// <summary>
/// The <see cref="IHostEnvironment"/> (the <c>MLContext</c>'s environment) behind a catalog object such as
/// <c>BinaryClassificationCatalog.BinaryClassificationTrainers</c>; ML.NET exposes it only through the
/// internal <c>IInternalCatalog.Environment</c>.
/// </summary>
internal static class CatalogEnvironment
{
    /// <summary>The environment of <paramref name="catalog"/>, for catalog extension methods.</summary>
    /// <exception cref="ArgumentException"><paramref name="catalog"/> is not an ML.NET catalog object.</exception>
    /// <exception cref="NotSupportedException">The loaded Microsoft.ML is not a version MlNetNeural supports.</exception>
    public static IHostEnvironment Of(object catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        MlNetCompatibility.EnsureSupported();
        var property = MlNetMembers.InternalCatalogEnvironment.Value;
        if (!property.DeclaringType!.IsInstanceOfType(catalog))
        {
            throw new ArgumentException(
                $"'{catalog.GetType().FullName}' is not an ML.NET catalog (it does not implement {property.DeclaringType.FullName}).",
                nameof(catalog));
        }
        return (IHostEnvironment)MlNetMembers.Invoke(property.GetMethod!, catalog)!;
    }
}
