namespace MlNetNeural.Federated.Hosting;

/// <summary>Names shared by every silo of a federation.</summary>
public static class FederatedSilos
{
    /// <summary>The SiloName of the silo that runs the coordinators: "coordinator".</summary>
    public const string CoordinatorSiloName = "coordinator";

    /// <summary>The grain-storage provider the coordinator checkpoints into: "federated". Register it on every silo (memory in tests, a durable store in production).</summary>
    public const string StorageName = "federated";
}
