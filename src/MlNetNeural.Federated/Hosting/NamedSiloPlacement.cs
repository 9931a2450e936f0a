using Orleans.Placement;
using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace MlNetNeural.Federated.Hosting;

/// <summary>Places a site grain on the silo whose <c>SiloOptions.SiloName</c> is the site's name: the silo that holds its rows.</summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking]
internal sealed class SitePlacementStrategy : PlacementStrategy;

/// <summary>Places a coordinator grain on the silo named <see cref="FederatedSilos.CoordinatorSiloName"/>.</summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking]
internal sealed class CoordinatorPlacementStrategy : PlacementStrategy;

/// <summary>Marks the site grain class for <see cref="SitePlacementStrategy"/>.</summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class SitePlacementAttribute() : PlacementAttribute(new SitePlacementStrategy());

/// <summary>Marks the coordinator grain class for <see cref="CoordinatorPlacementStrategy"/>.</summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class CoordinatorPlacementAttribute() : PlacementAttribute(new CoordinatorPlacementStrategy());

/// <summary>
/// Chooses the active silo with the required name. There is no fallback: a site's grain must never be activated
/// where its rows are not, so an offline site fails to place with a message that names it (and the coordinator drops
/// it from the round).
/// </summary>
internal sealed class NamedSiloPlacementDirector(ISiloStatusOracle silos) : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        string name = strategy is CoordinatorPlacementStrategy ? FederatedSilos.CoordinatorSiloName : target.GrainIdentity.Key.ToString()!;
        foreach (var silo in context.GetCompatibleSilos(target))
        {
            if (silos.TryGetSiloName(silo, out string? siloName) && siloName == name) return Task.FromResult(silo);
        }
        string role = strategy is CoordinatorPlacementStrategy ? "The coordinator" : $"Site '{name}'";
        throw new OrleansException($"{role} has no active silo named '{name}' in the cluster: that silo is offline, or it was started with another SiloName.");
    }
}
