namespace MlNetNeural.Federated.Simulation;

/// <summary>How long a <see cref="LocalFederation"/> waits for one of its silos to start or to stop.</summary>
/// <param name="Start">Time a silo has to start and join the federation.</param>
/// <param name="Stop">Time a silo has to stop (always abruptly: no graceful shutdown).</param>
/// <remarks>
/// These bound the in-process simulation only: a real deployment's silos are hosted, started and stopped by their
/// operators. Without a limit a site's silo that cannot reach the coordinator's silo retries for Orleans' join limit
/// (<c>ClusterMembershipOptions.MaxJoinAttemptTime</c>, 5 minutes) before it fails.
/// </remarks>
internal sealed record SiloTimeouts(TimeSpan Start, TimeSpan Stop)
{
    /// <summary>
    /// 60 s to start and 15 s to stop: a silo of the simulation started in 0.6-1.8 s and stopped in under 0.5 s on the
    /// 2-core development machine at load average 6-9 (2026-11-30), so the limits leave room for a far busier machine.
    /// </summary>
    public static SiloTimeouts Default { get; } = new(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(15));
}
