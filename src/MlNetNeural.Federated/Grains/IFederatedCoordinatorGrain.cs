using MlNetNeural.Federated.Protocol;
using Orleans.Concurrency;

namespace MlNetNeural.Federated.Grains;

/// <summary>
/// Runs one federated study (the grain's key): describes the sites, aggregates input statistics, then runs the
/// rounds, checkpointing its state after each so that it resumes after its own restart.
/// </summary>
[Alias("MlNetNeural.Federated.IFederatedCoordinatorGrain")]
internal interface IFederatedCoordinatorGrain : IGrainWithStringKey
{
    /// <summary>Starts the study, or resumes it if it was started with the same plan; returns its status.</summary>
    [Alias("Start")]
    Task<StudyStatus> Start(FederatedPlan plan);

    /// <summary>The study's status (resuming its rounds if the coordinator was restarted).</summary>
    [Alias("GetStatus"), AlwaysInterleave]
    Task<StudyStatus> GetStatus();

    /// <summary>Stops the study after the current step.</summary>
    [Alias("Cancel"), AlwaysInterleave]
    Task Cancel();
}
